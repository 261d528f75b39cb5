import { parseArgs } from 'node:util';
import type { ArmStatistics } from '../src/plugins/personalization/server/src/core/experiments/analyze-results';
import { statsEngine } from '../src/plugins/personalization/server/src/core/experiments/stats';
import { DEFAULT_SEQUENTIAL_TUNING } from '../src/plugins/personalization/server/src/core/experiments/plan';
import { seededRandom } from '../src/plugins/personalization/server/src/core/math/seeded-random';

/**
 * A/A experiments with continuous peeking: both arms have the same true conversion rate (or the
 * same mean), callers arrive in batches, and after each batch the analyst looks at the result the
 * dashboard shows. A run is a false positive when any look shows a significant difference. The
 * same core statistics engine as `GET /experiments/:name/results` computes every look, once with
 * the confidence sequences (tuning fixed at start, as the frozen plan does) and once with the
 * fixed-horizon test used naively at every look, to show what peeking costs without them.
 *
 *   npm run simulate:aa -- --runs 2000 --peeks 50 --callers 10000
 */
const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '2000' },
    peeks: { type: 'string', default: '50' },
    callers: { type: 'string', default: '10000' },
    alpha: { type: 'string', default: '0.05' },
    rate: { type: 'string', default: '0.1' },
    metric: { type: 'string', default: 'proportion' },
    seed: { type: 'string', default: '20261202' },
  },
});

const runs = Number(options.runs);
const peeks = Number(options.peeks);
const callers = Number(options.callers);
const alpha = Number(options.alpha);
const rate = Number(options.rate);
const kind = options.metric === 'mean' ? 'mean' : 'proportion';
if (![runs, peeks, callers, alpha, rate].every((value) => Number.isFinite(value) && value > 0)) {
  throw new Error('--runs, --peeks, --callers, --alpha and --rate must be positive numbers');
}
if (options.metric !== 'proportion' && options.metric !== 'mean') {
  throw new Error('--metric must be proportion or mean');
}
const random = seededRandom(Number(options.seed));

/** One caller's value: converted or not, or an exponential amount (a skewed revenue-like value). */
const draw = (): number =>
  kind === 'proportion' ? (random() < rate ? 1 : 0) : -Math.log(1 - random()) / rate;

const add = (stats: ArmStatistics, value: number) => {
  stats.n += 1;
  stats.successes += value > 0 && kind === 'proportion' ? 1 : 0;
  stats.sum += value;
  stats.sumSquares += value * value;
};

const empty = (arm: string): ArmStatistics => ({ arm, n: 0, successes: 0, sum: 0, sumSquares: 0 });

const significant = (low: number, high: number) => low > 0 || high < 0;

let sequentialFalsePositives = 0;
let naiveFalsePositives = 0;
let finalLookFalsePositives = 0;
const batch = Math.ceil(callers / peeks);
const started = Date.now();
for (let run = 0; run < runs; run += 1) {
  const control = empty('base');
  const treatment = empty('variant');
  let sequentialHit = false;
  let naiveHit = false;
  for (let look = 1; look <= peeks; look += 1) {
    for (let caller = 0; caller < batch; caller += 1) {
      // Half the callers in each arm, like an even split.
      add(random() < 0.5 ? control : treatment, draw());
    }
    if (control.n < 2 || treatment.n < 2) continue;
    const sequential = statsEngine.compare(kind, control, treatment, {
      alpha,
      sequentialTuning: DEFAULT_SEQUENTIAL_TUNING,
    });
    const fixed = statsEngine.compare(kind, control, treatment, { alpha, sequentialTuning: null });
    sequentialHit ||= significant(...sequential.absolute.ci);
    naiveHit ||= significant(...fixed.absolute.ci);
    if (look === peeks && significant(...fixed.absolute.ci)) finalLookFalsePositives += 1;
  }
  if (sequentialHit) sequentialFalsePositives += 1;
  if (naiveHit) naiveFalsePositives += 1;
}

const percent = (count: number) => `${((count / runs) * 100).toFixed(2)} %`;
// The binomial standard error of the measured rate, to read the figures against alpha.
const standardError = Math.sqrt((alpha * (1 - alpha)) / runs) * 100;
console.log(
  `A/A ${kind} metric: ${runs} runs × ${peeks} looks, ${batch * peeks} callers per run, alpha ${alpha} (± ${standardError.toFixed(2)} % sampling error at alpha), ${((Date.now() - started) / 1000).toFixed(1)} s`
);
console.log(
  `sequential (confidence sequences, tuning ${DEFAULT_SEQUENTIAL_TUNING}) false-positive rate over all looks: ${percent(sequentialFalsePositives)}`
);
console.log(`fixed-horizon test at every look (naive peeking): ${percent(naiveFalsePositives)}`);
console.log(`fixed-horizon test at the last look only: ${percent(finalLookFalsePositives)}`);
if (sequentialFalsePositives / runs > alpha + 2 * (standardError / 100)) {
  console.error('the sequential false-positive rate is above alpha beyond sampling error');
  process.exitCode = 1;
}
