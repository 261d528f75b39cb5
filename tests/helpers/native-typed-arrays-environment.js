'use strict';

const { TestEnvironment } = require('jest-environment-node');

/**
 * jest runs each test file in its own VM context with its own typed-array constructors, while
 * onnxruntime-node (under transformers.js) checks tensors with `instanceof` against the main
 * context's. Sharing the main context's constructors makes model inference work under jest as it
 * does in a plain Node process; nothing else about the node environment changes.
 */
const SHARED = [
  'ArrayBuffer',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
];

class NativeTypedArraysEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) {
      this.global[name] = globalThis[name];
    }
  }
}

module.exports = NativeTypedArraysEnvironment;
