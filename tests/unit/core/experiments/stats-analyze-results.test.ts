import {
  analyzeResults,
  type AnalysisInput,
} from '../../../../src/plugins/personalization/server/src/core/experiments';
import { statsEngine } from '../../../../src/plugins/personalization/server/src/core/experiments/stats';

/** The results analysis driven by the real statistics engine. */

const proportion = (arm: string, n: number, successes: number) => ({
  arm,
  n,
  successes,
  sum: successes,
  sumSquares: successes,
});

const input = (
  base: [number, number],
  sports: [number, number],
  overrides: Partial<AnalysisInput> = {}
): AnalysisInput => ({
  arms: [
    { name: 'base', weight: 1 },
    { name: 'sports', weight: 1 },
  ],
  metrics: [
    {
      definition: { name: 'sign-up', kind: 'proportion', events: ['conversion'] },
      primary: true,
      arms: [proportion('base', ...base), proportion('sports', ...sports)],
    },
  ],
  alpha: 0.05,
  mde: 0.1,
  sequentialTuning: 5000,
  plannedPerArm: 1000,
  lastWeekExposures: 700,
  running: true,
  ...overrides,
});

describe('analyzeResults with statsEngine', () => {
  it('uses the confidence sequence below the planned sample and the fixed-horizon test once it is reached', () => {
    const below = analyzeResults(input([500, 50], [500, 80]), statsEngine);
    const reached = analyzeResults(input([1000, 100], [1000, 160]), statsEngine);
    const [sequential] = below.metrics[0].comparisons;
    const [fixed] = reached.metrics[0].comparisons;
    expect(sequential.method).toBe('sequential');
    expect(fixed.method).toBe('fixed-horizon');
    // scipy.stats.chi2_contingency([[100, 900], [160, 840]], correction=False): 15.915119.
    expect(fixed.testStatistic ** 2).toBeCloseTo(15.915119, 5);
    expect(fixed.significant).toBe(true);
    expect(reached.recommendation).toMatchObject({ action: 'ship', arm: 'sports' });
    // 1000 callers missing at 100 a day.
    expect(below.power).toEqual({ plannedPerArm: 1000, reached: 0.5, expectedDaysLeft: 10 });
  });

  it('warns on a sample ratio mismatch and blocks the ship recommendation', () => {
    // 1000 vs 1200 of a 50/50 plan: scipy.stats.chisquare → χ² = 18.18, p = 2.008e-5 < 0.001.
    const result = analyzeResults(input([1000, 100], [1200, 200]), statsEngine);
    expect(result.srm.warning).toBe(true);
    expect(result.srm.pValue).toBeCloseTo(2.0e-5, 6);
    expect(result.recommendation.action).toBe('inconclusive');
  });

  it('waits while the base arm has no conversion (no relative lift yet)', () => {
    const result = analyzeResults(input([40, 0], [40, 3]), statsEngine);
    expect(result.metrics[0].comparisons).toEqual([]);
    expect(result.recommendation.action).toBe('keep-running');
  });
});
