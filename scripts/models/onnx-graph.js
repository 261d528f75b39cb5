'use strict';

/**
 * Small helpers to write ONNX models with onnx-proto (protobuf classes generated from onnx.proto).
 * Only what our static models need: initializers, value infos, nodes, one graph.
 */
const { onnx } = require('onnx-proto');

const { DataType } = onnx.TensorProto;

const tensor = (name, dataType, dims, raw) =>
  onnx.TensorProto.create({
    name,
    dataType,
    dims,
    rawData: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength),
  });

const valueInfo = (name, elemType, shape) =>
  onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType,
        shape: onnx.TensorShapeProto.create({
          dim: shape.map((dim) =>
            typeof dim === 'string'
              ? onnx.TensorShapeProto.Dimension.create({ dimParam: dim })
              : onnx.TensorShapeProto.Dimension.create({ dimValue: dim })
          ),
        }),
      }),
    }),
  });

const node = (opType, inputs, outputs, attributes = []) =>
  onnx.NodeProto.create({
    opType,
    input: inputs,
    output: outputs,
    name: `${opType}_${outputs[0]}`,
    attribute: attributes,
  });

const intAttribute = (name, value) =>
  onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i: value });

/** Encodes a graph as an ONNX model file (IR 7, opset 13, which onnxruntime 1.x runs). */
const encodeModel = ({ name, nodes, inputs, outputs, initializers, docString }) =>
  Buffer.from(
    onnx.ModelProto.encode(
      onnx.ModelProto.create({
        irVersion: 7,
        producerName: 'strapi-personalization/scripts/models',
        docString,
        opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: 13 })],
        graph: onnx.GraphProto.create({
          name,
          node: nodes,
          input: inputs,
          output: outputs,
          initializer: initializers,
        }),
      })
    ).finish()
  );

/** A BERT-style word-level tokenizer.json: BertNormalizer + BertPreTokenizer + WordPiece over whole words. */
const wordTokenizer = (vocab, { lowercase }) => ({
  version: '1.0',
  truncation: null,
  padding: null,
  added_tokens: ['[PAD]', '[UNK]'].map((content, id) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  })),
  normalizer: {
    type: 'BertNormalizer',
    clean_text: true,
    handle_chinese_chars: true,
    strip_accents: lowercase,
    lowercase,
  },
  pre_tokenizer: { type: 'BertPreTokenizer' },
  post_processor: null,
  decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
  model: {
    type: 'WordPiece',
    unk_token: '[UNK]',
    continuing_subword_prefix: '##',
    max_input_chars_per_word: 100,
    vocab,
  },
});

const tokenizerConfig = (lowercase) => ({
  tokenizer_class: 'BertTokenizer',
  do_lower_case: lowercase,
  model_max_length: 4096,
  unk_token: '[UNK]',
  pad_token: '[PAD]',
});

module.exports = {
  DataType,
  tensor,
  valueInfo,
  node,
  intAttribute,
  encodeModel,
  wordTokenizer,
  tokenizerConfig,
};
