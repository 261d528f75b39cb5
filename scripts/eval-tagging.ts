/**
 * npm run eval:tagging -- <CoNLL file> [--model trained|offline|<model folder>] [--summary]
 * Prints per-document entity-set precision, recall and F1 for PER, ORG and LOC (MISC counted
 * apart), the micro-averaged totals per type and over the three, milliseconds per document, and
 * the calibration table (per confidence bucket: mean confidence against measured precision).
 * Reads 2-column ("token tag") and 4-column ("token POS chunk tag") files, IOB1 or IOB2.
 * --model: trained (default) is the bundled ner-bilstm-conll03; offline the rule-based NER;
 * any other name a model folder under --models-dir (the plugin's bundled models by default).
 * The trained model is scored on distinct names per document, as the gold sets count them
 * ("Bitar" beside "Salem Bitar"); --merged scores the tags editors see instead, where short
 * forms join the full name ("Cook" → "Tim Cook") and a legal suffix is dropped.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  addCounts,
  createModelNer,
  createOfflineNer,
  createTrainedNer,
  evaluateConll,
  isSequenceTagger,
  loadSequenceTagger,
  loadTokenClassifier,
  scores,
  SCORED_TYPES,
  type EvaluationResult,
  type TagExtractor,
} from '../src/plugins/personalization/server/src/core/tagging';

export const BUNDLED_MODELS = path.resolve(__dirname, '../src/plugins/personalization/models');
export const TRAINED_MODEL = 'ner-bilstm-conll03';

const pct = (value: number): string => `${(value * 100).toFixed(1)}`.padStart(5);

export const microTotal = (result: EvaluationResult) =>
  scores(
    SCORED_TYPES.map((type) => result.total[type]).reduce(addCounts, {
      truePositives: 0,
      predicted: 0,
      gold: 0,
    })
  );

export const formatCalibration = (result: EvaluationResult): string =>
  [
    'confidence   entities  mean confidence  precision',
    ...result.calibration.map(
      (bucket) =>
        `${bucket.from.toFixed(1)}–${bucket.to.toFixed(1)}  ${String(bucket.count).padStart(10)}  ${bucket.meanConfidence.toFixed(3).padStart(15)}  ${bucket.precision.toFixed(3).padStart(9)}`
    ),
  ].join('\n');

export const formatEvaluation = (
  result: EvaluationResult,
  options: { summary?: boolean } = {}
): string => {
  const header = [
    'doc',
    ...SCORED_TYPES.map((type) => `${type} P/R/F1`.padEnd(19)),
    'MISC',
    'ms',
  ].join('  ');
  const rows = options.summary
    ? []
    : result.documents.map((document) =>
        [
          String(document.index).padStart(3),
          ...SCORED_TYPES.map((type) => {
            const s = document.byType[type];
            return `${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}`.padEnd(19);
          }),
          String(document.miscGold).padStart(4),
          document.milliseconds.toFixed(1),
        ].join('  ')
      );
  const total = [
    'all',
    ...SCORED_TYPES.map((type) => {
      const s = result.total[type];
      return `${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}`.padEnd(19);
    }),
    '    ',
    result.meanMillisecondsPerDocument.toFixed(1),
  ].join('  ');
  const micro = microTotal(result);
  return [
    header,
    ...rows,
    total,
    `micro PER+ORG+LOC: P ${pct(micro.precision)}  R ${pct(micro.recall)}  F1 ${pct(micro.f1)}`,
    `${result.documents.length} documents, ${result.meanMillisecondsPerDocument.toFixed(1)} ms per document (mean)`,
    '',
    formatCalibration(result),
  ].join('\n');
};

export const extractorFor = async (
  model: string,
  modelsDir: string,
  options: { uncalibrated?: boolean; distinctMentions?: boolean } = {}
): Promise<TagExtractor> => {
  if (model === 'offline') {
    return createOfflineNer();
  }
  const name = model === 'trained' ? TRAINED_MODEL : model;
  const source = { modelsDir, allowRemote: false };
  return isSequenceTagger(source, name)
    ? createTrainedNer(await loadSequenceTagger(source, name), options)
    : createModelNer(await loadTokenClassifier(source, name));
};

const option = (args: string[], name: string): string | undefined => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};

const main = async (): Promise<number> => {
  const args = process.argv.slice(2);
  const file = args.find(
    (arg, index) => !arg.startsWith('--') && !['--model', '--models-dir'].includes(args[index - 1])
  );
  if (!file) {
    console.error(
      'usage: npm run eval:tagging -- <CoNLL file> [--model trained|offline|<model>] [--models-dir <dir>] [--summary] [--merged]'
    );
    return 2;
  }
  if (!fs.existsSync(file)) {
    console.error(`no such file: ${file}`);
    return 2;
  }
  const model = option(args, '--model') ?? 'trained';
  const extractor = await extractorFor(model, option(args, '--models-dir') ?? BUNDLED_MODELS, {
    distinctMentions: !args.includes('--merged'),
  });
  const result = await evaluateConll(fs.readFileSync(file, 'utf8'), extractor);
  if (result.documents.length === 0) {
    console.error(`${file} has no documents in CoNLL-2003 format`);
    return 1;
  }
  console.log(
    `model: ${extractor.name} ${extractor.version}${args.includes('--merged') ? ' (merged tags)' : ''}`
  );
  console.log(formatEvaluation(result, { summary: args.includes('--summary') }));
  return 0;
};

if (require.main === module) {
  main().then((code) => {
    process.exitCode = code;
  });
}
