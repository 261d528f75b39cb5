import type { Core } from '@strapi/strapi';
import { contentHash, CorpusStats, documentText, finishTagging } from '../../core/tagging';
import { getPluginConfig } from '../../utils/get-plugin-config';
import { getService } from '../../utils/get-service';

export type TagOutcome = 'tagged' | 'unchanged' | 'deleted';

export interface TaggerCounters {
  tagged: number;
  unchanged: number;
  deleted: number;
  /** Texts cut at maxTextLength before the models saw them. */
  truncated: number;
}

/** Error for a job that cannot succeed however often it is retried. */
export class PermanentTaggingError extends Error {
  override name = 'PermanentTaggingError';
}

/** Corpus statistics per type, rebuilt from stored terms the first time a type is tagged. */
const corpusCache = (strapi: Core.Strapi) => {
  const corpora = new Map<string, Promise<CorpusStats>>();

  return (uid: string): Promise<CorpusStats> => {
    let corpus = corpora.get(uid);
    if (!corpus) {
      corpus = getService(strapi, 'taggingStore')
        .termsOf(uid)
        .then((documents) => {
          const stats = new CorpusStats();
          for (const { key, terms } of documents) {
            stats.set(key, terms);
          }
          return stats;
        });
      corpora.set(uid, corpus);
      corpus.catch(() => corpora.delete(uid));
    }
    return corpus;
  };
};

/** Reads one stored entry, runs the extractors over its text and stores the result. */
const createTaggerService = ({ strapi }: { strapi: Core.Strapi }) => {
  const counters: TaggerCounters = { tagged: 0, unchanged: 0, deleted: 0, truncated: 0 };
  const corpusOf = corpusCache(strapi);

  return {
    counters(): TaggerCounters {
      return { ...counters };
    },

    async tagEntry(
      uid: string,
      documentId: string,
      locale: string | null,
      options: { force: boolean }
    ): Promise<TagOutcome> {
      const optIn = getService(strapi, 'optIns').get(uid);
      if (!optIn?.tagging) {
        throw new PermanentTaggingError(`${uid} does not opt in to tagging`);
      }
      const store = getService(strapi, 'taggingStore');
      const documents = strapi.documents(uid as Parameters<typeof strapi.documents>[0]);
      const document = (await documents.findOne({
        documentId,
        ...(locale ? { locale } : {}),
      })) as Record<string, unknown> | null;
      if (!document) {
        await store.remove(uid, documentId, locale);
        (await corpusOf(uid)).remove(`${documentId}:${locale ?? ''}`);
        counters.deleted += 1;
        return 'deleted';
      }

      const text = documentText(document, optIn.tagging.fields);
      const hash = contentHash(text);
      const existing = await store.get(uid, documentId, locale);
      if (existing && existing.contentHash === hash && !options.force) {
        counters.unchanged += 1;
        return 'unchanged';
      }

      const config = getPluginConfig(strapi).tagging;
      const analysis = await getService(strapi, 'taggingModels').analyse(
        text,
        config.maxTextLength
      );
      const result = finishTagging(analysis, {
        documentKey: `${documentId}:${locale ?? ''}`,
        corpus: await corpusOf(uid),
        topKeywords: config.topKeywords,
        entityPolicy: config.entities,
      });
      if (result.truncated) {
        counters.truncated += 1;
        strapi.log.warn(
          `[personalization] ${uid} ${documentId}: text of ${text.length} characters cut at ${config.maxTextLength} for tagging`
        );
      }
      await store.saveExtraction({
        uid,
        documentId,
        locale,
        extracted: result.tags,
        embedding: result.embedding,
        terms: result.terms,
        contentHash: hash,
        models: result.models,
        truncated: result.truncated,
        taggedAt: Date.now(),
      });
      counters.tagged += 1;
      return 'tagged';
    },
  };
};

export type TaggerService = ReturnType<typeof createTaggerService>;
export default createTaggerService;
