import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  loadTokenClassifier,
  ModelLoadError,
} from '../../../../src/plugins/personalization/server/src/core/tagging';

const FIXTURE = path.resolve(__dirname, '../../../fixtures/models/tiny-ner-test-fixture');

describe('loading transformers.js models from the models folder', () => {
  let modelsDir: string;

  beforeAll(() => {
    modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pz-unit-models-'));
    fs.cpSync(FIXTURE, path.join(modelsDir, 'corrupt'), { recursive: true });
    fs.writeFileSync(
      path.join(modelsDir, 'corrupt', 'onnx', 'model_quantized.onnx'),
      'not a model'
    );
  });

  afterAll(() => {
    fs.rmSync(modelsDir, { recursive: true, force: true });
  });

  it('names the path when the model folder does not exist and the hub is not allowed', async () => {
    const loading = loadTokenClassifier({ modelsDir, allowRemote: false }, 'missing-model');
    await expect(loading).rejects.toBeInstanceOf(ModelLoadError);
    await expect(loading).rejects.toThrow(path.join(modelsDir, 'missing-model'));
  });

  it('names the path when the model file is corrupt', async () => {
    const loading = loadTokenClassifier({ modelsDir, allowRemote: false }, 'corrupt');
    await expect(loading).rejects.toThrow(
      new RegExp(
        `cannot load model "corrupt" from ${path.join(modelsDir, 'corrupt').replace(/[/\\]/g, '.')}`
      )
    );
  });
});
