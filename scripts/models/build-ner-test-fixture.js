#!/usr/bin/env node
'use strict';

/**
 * Builds tiny-ner-test-fixture: a TEST FIXTURE, not a real NER model. It has the files and tensor
 * shapes of a transformers.js token-classification model (BERT-style tokenizer, ONNX graph with
 * `logits`, id2label in config.json) but only knows a dozen words by heart, so the API tests can
 * exercise the real model-loading path offline. Real deployments point PERSONALIZATION_NER_MODEL
 * at an exported model such as Xenova/bert-base-NER.
 * Usage: node scripts/models/build-ner-test-fixture.js
 */
const fs = require('node:fs');
const path = require('node:path');
const g = require('./onnx-graph');

const OUT = path.resolve(__dirname, '../../tests/fixtures/models/tiny-ner-test-fixture');
const LABELS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'];
const KNOWN = {
  Ada: 'B-PER',
  Lovelace: 'I-PER',
  Grace: 'B-PER',
  Hopper: 'I-PER',
  Kestrel: 'B-ORG',
  Semiconductor: 'I-ORG',
  Acme: 'B-ORG',
  Dresden: 'B-LOC',
  Berlin: 'B-LOC',
  Lisbon: 'B-LOC',
  Olympics: 'B-MISC',
};

const vocab = { '[PAD]': 0, '[UNK]': 1 };
Object.keys(KNOWN).forEach((word, index) => {
  vocab[word] = index + 2;
});
const rows = Object.keys(vocab).length;

// One row of logits per vocabulary entry: a clear winner for known words, "O" for everything else.
const logits = new Float32Array(rows * LABELS.length);
for (const [word, id] of Object.entries(vocab)) {
  const label = KNOWN[word] ?? 'O';
  logits[id * LABELS.length + LABELS.indexOf(label)] = 6;
}

const model = g.encodeModel({
  name: 'tiny_ner_test_fixture',
  docString: 'Test fixture: looks up fixed logits per known word. Not a trained model.',
  inputs: [
    g.valueInfo('input_ids', g.DataType.INT64, ['batch', 'sequence']),
    g.valueInfo('attention_mask', g.DataType.INT64, ['batch', 'sequence']),
  ],
  outputs: [g.valueInfo('logits', g.DataType.FLOAT, ['batch', 'sequence', LABELS.length])],
  initializers: [
    g.tensor('table', g.DataType.FLOAT, [rows, LABELS.length], logits),
    g.tensor('axes', g.DataType.INT64, [1], new BigInt64Array([2n])),
  ],
  nodes: [
    g.node('Gather', ['table', 'input_ids'], ['raw_logits']),
    g.node('Cast', ['attention_mask'], ['mask_float'], [g.intAttribute('to', g.DataType.FLOAT)]),
    g.node('Unsqueeze', ['mask_float', 'axes'], ['mask']),
    g.node('Mul', ['raw_logits', 'mask'], ['logits']),
  ],
});

fs.mkdirSync(path.join(OUT, 'onnx'), { recursive: true });
fs.writeFileSync(path.join(OUT, 'onnx', 'model_quantized.onnx'), model);
fs.writeFileSync(
  path.join(OUT, 'tokenizer.json'),
  JSON.stringify(g.wordTokenizer(vocab, { lowercase: false }), null, 2) + '\n'
);
fs.writeFileSync(
  path.join(OUT, 'tokenizer_config.json'),
  JSON.stringify(g.tokenizerConfig(false), null, 2) + '\n'
);
fs.writeFileSync(
  path.join(OUT, 'config.json'),
  JSON.stringify(
    {
      model_type: 'bert',
      architectures: ['BertForTokenClassification'],
      id2label: Object.fromEntries(LABELS.map((label, id) => [String(id), label])),
      label2id: Object.fromEntries(LABELS.map((label, id) => [label, id])),
      personalization: { name: 'tiny-ner-test-fixture', version: '1.0.0', testFixture: true },
    },
    null,
    2
  ) + '\n'
);
console.log(`wrote ${OUT} (${model.length} bytes)`);
