import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  conllText,
  createOfflineNer,
  entitySetCounts,
  evaluateConll,
  parseConll,
  scores,
} from '../../../src/plugins/personalization/server/src/core/tagging';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLE = path.join(ROOT, 'tests/fixtures/conll/sample.conll');

describe('CoNLL-2003 evaluation', () => {
  it('parses documents, sentences and IOB1/IOB2 entities', () => {
    const [first, second] = parseConll(
      '-DOCSTART- -X- -X- O\n\nAda NNP I-NP B-PER\nLovelace NNP I-NP I-PER\nmet VBD I-VP O\nBabbage NNP I-NP I-PER\n. . O O\n\n' +
        '-DOCSTART- -X- -X- O\n\nIn IN O O\nParis NNP I-NP I-LOC\nand CC O O\nthe DT O O\nWorld NNP I-NP I-MISC\nCup NNP I-NP I-MISC\n'
    );
    expect(first.entities).toEqual([
      { label: 'Ada Lovelace', type: 'PER' },
      { label: 'Babbage', type: 'PER' },
    ]);
    expect(conllText(first)).toBe('Ada Lovelace met Babbage.');
    expect(second.entities).toEqual([
      { label: 'Paris', type: 'LOC' },
      { label: 'World Cup', type: 'MISC' },
    ]);
  });

  it('scores entity sets once per distinct label, case-insensitively', () => {
    const counts = entitySetCounts(
      [
        { label: 'Paris', type: 'LOC' },
        { label: 'Paris', type: 'LOC' },
        { label: 'Rome', type: 'LOC' },
      ],
      [
        { label: 'paris', type: 'LOC' },
        { label: 'Oslo', type: 'LOC' },
        { label: 'Rome', type: 'PER' },
      ],
      'LOC'
    );
    expect(counts).toEqual({ truePositives: 1, predicted: 2, gold: 2 });
    expect(scores(counts)).toEqual(
      expect.objectContaining({ precision: 0.5, recall: 0.5, f1: 0.5 })
    );
    expect(scores({ truePositives: 0, predicted: 0, gold: 0 }).f1).toBe(1);
    expect(scores({ truePositives: 0, predicted: 2, gold: 0 }).precision).toBe(0);
  });

  it('evaluates the offline NER on the project sample with per-document and total scores', async () => {
    const content = fs.readFileSync(SAMPLE, 'utf8');
    const result = await evaluateConll(content, createOfflineNer());
    expect(result.documents).toHaveLength(parseConll(content).length);
    for (const document of result.documents) {
      for (const type of ['PER', 'ORG', 'LOC'] as const) {
        const s = document.byType[type];
        expect(s.truePositives).toBeLessThanOrEqual(Math.min(s.predicted, s.gold));
      }
      expect(document.milliseconds).toBeGreaterThan(0);
    }
    const perGold = result.documents.reduce((sum, document) => sum + document.byType.PER.gold, 0);
    expect(result.total.PER.gold).toBe(perGold);
    expect(result.total.PER.recall).toBeGreaterThan(0.5);
    expect(result.total.LOC.recall).toBeGreaterThan(0.5);
  });

  it('runs as npm run eval:tagging and prints the table', () => {
    const output = execFileSync(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['scripts/eval-tagging.ts', SAMPLE],
      {
        cwd: ROOT,
        encoding: 'utf8',
      }
    );
    expect(output).toMatch(/PER P\/R\/F1/);
    expect(output).toMatch(/^all /m);
    expect(output).toMatch(/3 documents, [\d.]+ ms per document/);
  });

  it('reads the 2-column IOB2 and the 4-column IOB1 layouts alike', () => {
    const read = (name: string) =>
      parseConll(fs.readFileSync(path.join(ROOT, 'tests/fixtures/conll', name), 'utf8'));
    const expected = [
      { label: 'Maria Okafor', type: 'PER' },
      { label: 'Jon Berg', type: 'PER' },
      { label: 'Lindqvist', type: 'PER' },
      { label: 'Northwind Bank', type: 'ORG' },
      { label: 'Lagos', type: 'LOC' },
    ];
    expect(read('tiny-4col-iob1.conll')[0].entities).toEqual(expected);
    expect(read('tiny-2col-iob2.conll')[0].entities).toEqual(expected);
    expect(conllText(read('tiny-2col-iob2.conll')[0])).toBe(
      conllText(read('tiny-4col-iob1.conll')[0])
    );
  });

  it.each(['offline', 'trained'])(
    'evaluates --model %s with micro totals and the calibration table',
    (model) => {
      const output = execFileSync(
        path.join(ROOT, 'node_modules/.bin/tsx'),
        ['scripts/eval-tagging.ts', SAMPLE, '--model', model, '--summary'],
        { cwd: ROOT, encoding: 'utf8' }
      );
      expect(output).toMatch(
        new RegExp(`^model: ${model === 'offline' ? 'offline-ner' : 'trained-ner'} `, 'm')
      );
      expect(output).toMatch(/^micro PER\+ORG\+LOC: P +[\d.]+ +R +[\d.]+ +F1 +[\d.]+$/m);
      expect(output).toMatch(/^confidence +entities +mean confidence +precision$/m);
      expect(output).toMatch(/^0\.\d–(0\.\d|1\.0) +\d+ +[\d.]+ +[\d.]+$/m);
      expect(output).not.toMatch(/^ {2}1 /m);
    }
  );

  it('exits with 2 and a usage line without a file', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/eval-tagging.ts'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    } catch (error) {
      status = (error as { status: number }).status;
      stderr = String((error as { stderr: Buffer }).stderr);
    }
    expect(status).toBe(2);
    expect(stderr).toMatch(/usage: npm run eval:tagging/);
  });
});
