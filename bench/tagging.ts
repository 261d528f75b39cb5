/**
 * npm run bench:tagging — the auto-tagging figures, each a ratio measured side by side in one run:
 *   1. save latency (POST /api/articles) with tagging on vs off: two instances, alternating rounds;
 *   2. tagging throughput of our pipeline vs the raw extractors on the same demo documents;
 *   3. the worker's memory: resident set growth of this process when the models load and run;
 *   4. the trained NER model in the worker thread: ms per 250-word document beside the offline
 *      rules on the same documents, and the resident memory its loading adds.
 * Writes bench/results/tagging.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import nlp from 'compromise';
import {
  CorpusStats,
  createModelEmbedder,
  createTrainedNer,
  loadFeatureExtractor,
  loadSequenceTagger,
  finishTagging,
  InferenceClient,
} from '../src/plugins/personalization/server/src/core/tagging';
import { BUNDLED_MODELS_DIR } from '../src/plugins/personalization/server/src/config/tagging-schema';
import { wink } from '../src/plugins/personalization/server/src/core/tagging/nlp/wink';
import { createApiToken } from './lib/api-token';
import { ROOT, startInstance, type Instance } from './lib/instance';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SAVES_PER_ROUND = Number(process.env.BENCH_SAVES ?? 40);
const RESULTS_FILE = path.join(ROOT, 'bench', 'results', 'tagging.json');

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const ratio = (a: number, b: number) => Number((a / b).toFixed(3));

const demoTexts = (): string[] => {
  const data = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'src/seed/data/articles.json'), 'utf8')
  ) as {
    articles: { title: string; summary: string; paragraphs: string[] }[];
  };
  return data.articles.map((article) =>
    [article.title, article.summary, ...article.paragraphs].join('\n\n')
  );
};

let saveCounter = 0;
const timeSaves = async (instance: Instance, token: string, texts: string[]): Promise<number[]> => {
  const latencies: number[] = [];
  for (let i = 0; i < SAVES_PER_ROUND; i += 1) {
    saveCounter += 1;
    const text = texts[saveCounter % texts.length];
    const started = performance.now();
    const response = await fetch(`${instance.baseUrl}/api/articles`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        data: {
          title: `Bench ${saveCounter}`,
          slug: `bench-${saveCounter}`,
          category: 'business',
          summary: text.slice(0, 400),
          body: [{ type: 'paragraph', children: [{ type: 'text', text }] }],
        },
      }),
    });
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    if (response.status !== 201) {
      throw new Error(`${instance.name}: POST /api/articles answered ${response.status}`);
    }
  }
  return latencies;
};

const measureSaves = async (texts: string[]) => {
  const instances: Instance[] = [];
  try {
    const on = await startInstance('tagging-on', 1343, { PERSONALIZATION_TAGGING_ENABLED: 'true' });
    instances.push(on);
    const off = await startInstance('tagging-off', 1344, {
      PERSONALIZATION_TAGGING_ENABLED: 'false',
    });
    instances.push(off);
    const [onToken, offToken] = [await createApiToken(on), await createApiToken(off)];
    await timeSaves(on, onToken, texts);
    await timeSaves(off, offToken, texts);
    const samples = { on: [] as number[], off: [] as number[] };
    for (let round = 0; round < ROUNDS; round += 1) {
      samples.on.push(...(await timeSaves(on, onToken, texts)));
      samples.off.push(...(await timeSaves(off, offToken, texts)));
    }
    const figures = (values: number[]) => ({
      p50: percentile(values, 50),
      p99: percentile(values, 99),
      saves: values.length,
    });
    const [onFigures, offFigures] = [figures(samples.on), figures(samples.off)];
    return {
      on: onFigures,
      off: offFigures,
      ratios: {
        p50: ratio(onFigures.p50, offFigures.p50),
        p99: ratio(onFigures.p99, offFigures.p99),
      },
    };
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
  }
};

const measureThroughput = async (texts: string[]) => {
  const rssBefore = process.memoryUsage().rss;
  const embedder = createModelEmbedder(
    await loadFeatureExtractor(
      { modelsDir: BUNDLED_MODELS_DIR, allowRemote: false },
      'glove-static-100d-q8'
    )
  );
  // Our pipeline as the plugin runs it: the compiled inference thread, then the keyword ranking.
  const client = new InferenceClient(
    path.join(
      ROOT,
      'src/plugins/personalization/dist/server/src/core/tagging/thread/inference-thread.js'
    )
  );
  const settings = {
    modelsDir: BUNDLED_MODELS_DIR,
    allowRemoteModels: false,
    nerModel: null as string | null,
    embeddingModel: 'glove-static-100d-q8',
  };
  await client.load(settings);
  const raw = async (text: string) => {
    const doc = nlp(text);
    doc.people().out('array');
    doc.organizations().out('array');
    doc.places().out('array');
    const winkDoc = wink().readDoc(text);
    winkDoc.entities().out(wink().its.detail);
    winkDoc.tokens().out(wink().its.lemma as never);
    await embedder.embed(text);
  };
  const ours = async (text: string, index: number, corpus: CorpusStats) =>
    finishTagging(await client.analyse(settings, text, 20000), {
      documentKey: String(index),
      corpus,
      topKeywords: 8,
    });
  const timeOne = async (run: () => Promise<void>) => {
    const started = performance.now();
    await run();
    return performance.now() - started;
  };
  await timeOne(async () => {
    for (const [index, text] of texts.entries()) {
      await raw(text);
      await ours(text, index, new CorpusStats());
    }
  });
  const times = { pipeline: [] as number[], raw: [] as number[] };
  for (let round = 0; round < ROUNDS; round += 1) {
    const corpus = new CorpusStats();
    times.pipeline.push(
      await timeOne(async () => {
        for (const [index, text] of texts.entries()) await ours(text, index, corpus);
      })
    );
    times.raw.push(
      await timeOne(async () => {
        for (const text of texts) await raw(text);
      })
    );
  }
  const docsPerSecond = (values: number[]) => (texts.length * 1000) / percentile(values, 50);
  const pipeline = docsPerSecond(times.pipeline);
  const rawRate = docsPerSecond(times.raw);
  const result = {
    documents: texts.length,
    pipelineDocsPerSecond: Number(pipeline.toFixed(1)),
    rawDocsPerSecond: Number(rawRate.toFixed(1)),
    ratio: ratio(pipeline, rawRate),
    workerRssGrowthMb: Number(((process.memoryUsage().rss - rssBefore) / 1e6).toFixed(1)),
  };
  await client.stop();
  return result;
};

/** The first 250 words of each demo article (shorter ones are repeated up to 250). */
const wordsOf = (texts: string[], count: number): string[] =>
  texts.map((text) => {
    const words = text.split(/\s+/).filter(Boolean);
    const padded = [...words];
    while (padded.length < count) padded.push(...words);
    return padded.slice(0, count).join(' ');
  });

const measureTrainedNer = async (texts: string[]) => {
  const documents = wordsOf(texts, 250);
  const entry = path.join(
    ROOT,
    'src/plugins/personalization/dist/server/src/core/tagging/thread/inference-thread.js'
  );
  const settingsFor = (nerModel: string | null) => ({
    modelsDir: BUNDLED_MODELS_DIR,
    allowRemoteModels: false,
    nerModel,
    embeddingModel: null,
  });
  const offline = { client: new InferenceClient(entry), settings: settingsFor(null) };
  await offline.client.load(offline.settings);
  for (const text of documents) await offline.client.analyse(offline.settings, text, 20000);
  const rssBefore = process.memoryUsage().rss;
  const trained = {
    client: new InferenceClient(entry),
    settings: settingsFor('ner-bilstm-conll03'),
  };
  const { nerFallback } = await trained.client.load(trained.settings);
  if (nerFallback) throw new Error(`the trained model did not load: ${nerFallback}`);
  for (const text of documents) await trained.client.analyse(trained.settings, text, 20000);
  const rssAdded = process.memoryUsage().rss - rssBefore;
  const perDocument = { trained: [] as number[], offline: [] as number[] };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, side] of [
      ['trained', trained],
      ['offline', offline],
    ] as const) {
      const started = performance.now();
      for (const text of documents) await side.client.analyse(side.settings, text, 20000);
      perDocument[name].push((performance.now() - started) / documents.length);
    }
  }
  await Promise.all([trained.client.stop(), offline.client.stop()]);
  // The model alone, in this thread: tokens, ONNX runs, decoding and merging, no keyword terms.
  const extractor = createTrainedNer(
    await loadSequenceTagger(
      { modelsDir: BUNDLED_MODELS_DIR, allowRemote: false },
      'ner-bilstm-conll03'
    )
  );
  for (const text of documents) await extractor.extract(text);
  const started = performance.now();
  for (const text of documents) await extractor.extract(text);
  const modelOnlyMs = (performance.now() - started) / documents.length;
  const trainedMs = percentile(perDocument.trained, 50);
  const offlineMs = percentile(perDocument.offline, 50);
  return {
    documents: documents.length,
    words: 250,
    trainedMsPerDocument: Number(trainedMs.toFixed(2)),
    offlineMsPerDocument: Number(offlineMs.toFixed(2)),
    ratio: ratio(trainedMs, offlineMs),
    trainedRssAddedMb: Number((rssAdded / 1e6).toFixed(1)),
    trainedModelOnlyMsPerDocument: Number(modelOnlyMs.toFixed(2)),
  };
};

const main = async () => {
  const texts = demoTexts();
  console.log(
    `Trained NER in the worker thread: ${texts.length} demo articles cut to 250 words, ${ROUNDS} rounds (no embeddings; keyword terms included on both sides)`
  );
  const trainedNer = await measureTrainedNer(texts);
  console.log(
    `  trained ${trainedNer.trainedMsPerDocument} ms per document (goal ≤ 20), offline rules ${trainedNer.offlineMsPerDocument} ms, ratio ${trainedNer.ratio}×`
  );
  console.log(
    `  the trained extractor alone (no keyword terms, no thread hop): ${trainedNer.trainedModelOnlyMsPerDocument} ms per document`
  );
  console.log(
    `  memory: loading and running the trained model added ${trainedNer.trainedRssAddedMb} MB resident`
  );
  console.log(
    `Tagging throughput: our pipeline vs the raw extractors on ${texts.length} demo articles, ${ROUNDS} rounds`
  );
  const throughput = await measureThroughput(texts);
  console.log(
    `  pipeline ${throughput.pipelineDocsPerSecond} docs/s, raw ${throughput.rawDocsPerSecond} docs/s, ratio ${throughput.ratio}× (goal ≥ 0.9)`
  );
  console.log(
    `  memory: process resident set (main thread + inference thread) grew by ${throughput.workerRssGrowthMb} MB loading and running the models`
  );
  console.log(
    `Save latency: POST /api/articles, tagging on vs off, ${ROUNDS} alternating rounds of ${SAVES_PER_ROUND} saves`
  );
  const saves = await measureSaves(texts);
  console.log(`  on  p50 ${saves.on.p50.toFixed(1)} ms  p99 ${saves.on.p99.toFixed(1)} ms`);
  console.log(`  off p50 ${saves.off.p50.toFixed(1)} ms  p99 ${saves.off.p99.toFixed(1)} ms`);
  console.log(`  ratio p50 ${saves.ratios.p50}× (goal ≤ 1.05), p99 ${saves.ratios.p99}×`);
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rounds: ROUNDS, trainedNer, throughput, saves }, null, 2)}\n`
  );
  console.log(`Wrote ${path.relative(ROOT, RESULTS_FILE)}`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
