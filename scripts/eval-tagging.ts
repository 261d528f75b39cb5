/**
 * npm run eval:tagging -- <file in CoNLL-2003 format>
 * Prints per-document entity-set precision, recall and F1 for PER, ORG and LOC (MISC counted
 * apart), the micro-averaged totals, and milliseconds per document, for the bundled offline NER.
 */
import fs from 'node:fs';
import {
  createOfflineNer,
  evaluateConll,
  SCORED_TYPES,
  type EvaluationResult,
} from '../src/plugins/personalization/server/src/core/tagging';

const pct = (value: number): string => `${(value * 100).toFixed(1)}`.padStart(5);

export const formatEvaluation = (result: EvaluationResult): string => {
  const header = [
    'doc',
    ...SCORED_TYPES.map((type) => `${type} P/R/F1`.padEnd(19)),
    'MISC',
    'ms',
  ].join('  ');
  const rows = result.documents.map((document) =>
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
  return [
    header,
    ...rows,
    total,
    `${result.documents.length} documents, ${result.meanMillisecondsPerDocument.toFixed(1)} ms per document (mean)`,
  ].join('\n');
};

const main = async (): Promise<number> => {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npm run eval:tagging -- <file in CoNLL-2003 format>');
    return 2;
  }
  if (!fs.existsSync(file)) {
    console.error(`no such file: ${file}`);
    return 2;
  }
  const result = await evaluateConll(fs.readFileSync(file, 'utf8'), createOfflineNer());
  if (result.documents.length === 0) {
    console.error(`${file} has no documents in CoNLL-2003 format`);
    return 1;
  }
  console.log(formatEvaluation(result));
  return 0;
};

if (require.main === module) {
  main().then((code) => {
    process.exitCode = code;
  });
}
