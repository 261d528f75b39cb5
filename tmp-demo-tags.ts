import fs from 'node:fs';
import path from 'node:path';
import { CorpusStats, loadTaggingModels, tagDocument } from './src/plugins/personalization/server/src/core/tagging';
import { BUNDLED_MODELS_DIR } from './src/plugins/personalization/server/src/config/tagging-schema';

const main = async () => {
  const data = JSON.parse(fs.readFileSync(path.join(__dirname, 'src/seed/data/articles.json'), 'utf8')) as {
    articles: { title: string; summary: string; paragraphs: string[] }[];
  };
  const models = await loadTaggingModels({ modelsDir: BUNDLED_MODELS_DIR, allowRemoteModels: false, nerModel: process.argv[2] === 'offline' ? null : 'ner-bilstm-conll03', embeddingModel: null });
  console.log('fallback', models.nerFallback);
  const corpus = new CorpusStats();
  const texts = data.articles.map((a) => [a.title, a.summary, ...a.paragraphs].join('\n\n'));
  texts.forEach((t, i) => corpus.set(String(i), []));
  for (const [i, text] of texts.entries()) await tagDocument(models, { text, documentKey: String(i), corpus, topKeywords: 5, maxChars: 20000 });
  const counts: number[] = [];
  for (const [i, text] of texts.entries()) {
    const r = await tagDocument(models, { text, documentKey: String(i), corpus, topKeywords: 5, maxChars: 20000 });
    counts.push(r.tags.length);
    console.log(`${i} ${text.split(/\s+/).length}w ${data.articles[i].title}\n   ${r.tags.map((t) => `${t.type}:${t.label}(${t.confidence})`).join(', ')}`);
  }
  console.log('tags per article', counts.join(' '));
};
void main();
