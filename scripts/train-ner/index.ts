/**
 * npm run train:ner -- --data <folder with train, dev and test CoNLL-2003 files> [--skip-training]
 *
 * The whole recipe: train_ner.py (vocabulary, training with a fixed seed, ONNX export with uint8
 * word vectors, span scores), then here in node, through the plugin's own loading and inference
 * code: calibration fitted on dev, entity-set scores on dev and test, and the model card.
 * Needs Debian's python3-torch, python3-onnx and libopenblas0-pthread (see README.md here).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  evaluateConll,
  fitIsotonic,
} from '../../src/plugins/personalization/server/src/core/tagging';
import { BUNDLED_MODELS, extractorFor, formatEvaluation, TRAINED_MODEL } from '../eval-tagging';
import { writeModelCard } from './model-card';

const option = (args: string[], name: string): string | undefined => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};

const split = (folder: string, names: string[]): string => {
  const found = names.map((name) => path.join(folder, name)).find((file) => fs.existsSync(file));
  if (!found) {
    throw new Error(`none of ${names.join(', ')} in ${folder}`);
  }
  return found;
};

const main = async (): Promise<number> => {
  const args = process.argv.slice(2);
  const data = option(args, '--data');
  if (!data) {
    console.error('usage: npm run train:ner -- --data <folder> [--skip-training] [python options]');
    return 2;
  }
  const modelDir = path.join(BUNDLED_MODELS, TRAINED_MODEL);
  if (!args.includes('--skip-training')) {
    const python = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
    const passed = args.filter((arg) => arg !== '--skip-training');
    const run = spawnSync(python, [path.join(__dirname, 'train_ner.py'), ...passed], {
      stdio: 'inherit',
      // One thread: on a shared 2-core machine OpenMP's thread sync made each step 20× slower.
      env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
    });
    if (run.status !== 0) {
      return run.status ?? 1;
    }
  }
  const dev = fs.readFileSync(split(data, ['dev.txt', 'valid.txt', 'eng.testa']), 'utf8');
  const test = fs.readFileSync(split(data, ['test.txt', 'eng.testb']), 'utf8');

  console.log('fitting the calibration on dev…');
  const raw = await evaluateConll(
    dev,
    await extractorFor('trained', BUNDLED_MODELS, { uncalibrated: true, distinctMentions: true })
  );
  const configPath = path.join(modelDir, 'config.json');
  const config = JSON.parse(fs.readFileSync(configPath, 'utf8')) as {
    personalization: Record<string, unknown>;
  };
  config.personalization.calibration = fitIsotonic(
    raw.samples.map((sample) => ({ score: sample.confidence, correct: sample.correct }))
  );
  fs.writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);

  const extractor = await extractorFor('trained', BUNDLED_MODELS, { distinctMentions: true });
  const merged = await extractorFor('trained', BUNDLED_MODELS);
  const results = {
    dev: await evaluateConll(dev, extractor),
    test: await evaluateConll(test, extractor),
  };
  const mergedResults = {
    dev: await evaluateConll(dev, merged),
    test: await evaluateConll(test, merged),
  };
  for (const [name, result] of Object.entries(results)) {
    console.log(`\n${name}\n${formatEvaluation(result, { summary: true })}`);
  }
  writeModelCard(modelDir, results, mergedResults);
  console.log(`\nwrote ${path.relative(process.cwd(), path.join(modelDir, 'README.md'))}`);
  return 0;
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  }
);
