import { labelKey } from '../entities/clean-label';
import type { CorpusStats } from '../keywords/corpus-stats';
import { extractTerms } from '../keywords/extract-terms';
import { KEYWORDS_NAME, KEYWORDS_VERSION, keywordTags } from '../keywords/keyword-extractor';
import {
  DEFAULT_ENTITY_POLICY,
  selectEntities,
  type EntityPolicy,
} from '../selection/entity-policy';
import { limitText } from '../text/limit-text';
import type { Embedder, ExtractedTag, TagExtractor } from '../types';

export interface TaggingModels {
  /** Entity extractors, run in order; the first to name a label wins its type. */
  entityExtractors: TagExtractor[];
  embedder: Embedder | null;
  /** Why the configured NER model was replaced by the offline rules; null when it loaded. */
  nerFallback?: string | null;
}

/** The model-heavy half of tagging: everything that does not depend on the rest of the collection. */
export interface TextAnalysis {
  entities: ExtractedTag[];
  /** Topical terms in reading order (repeats kept, for term frequency). */
  terms: string[];
  embedding: number[] | null;
  truncated: boolean;
  /** Extractor and model versions that produced this result, by extractor name. */
  models: Record<string, string>;
}

export interface TagDocumentResult {
  tags: ExtractedTag[];
  /** Distinct terms, stored so corpus statistics can be rebuilt after a restart. */
  terms: string[];
  embedding: number[] | null;
  truncated: boolean;
  models: Record<string, string>;
}

/** Runs the models over one text (cut at maxChars). CPU-bound: the plugin runs it off the main thread. */
export const analyseText = async (
  models: TaggingModels,
  rawText: string,
  maxChars: number
): Promise<TextAnalysis> => {
  const { text, truncated } = limitText(rawText, maxChars);
  const entities: ExtractedTag[] = [];
  const seen = new Set<string>();
  for (const extractor of models.entityExtractors) {
    for (const tag of await extractor.extract(text)) {
      const key = labelKey(tag.label);
      if (!seen.has(key)) {
        seen.add(key);
        entities.push(tag);
      }
    }
  }
  const embedding =
    models.embedder && text.trim().length > 0 ? await models.embedder.embed(text) : null;
  const versions: Record<string, string> = {};
  for (const extractor of models.entityExtractors) {
    versions[extractor.name] = extractor.version;
  }
  versions[KEYWORDS_NAME] = KEYWORDS_VERSION;
  if (models.embedder) {
    versions.embedding = models.embedder.version;
  }
  return { entities, terms: extractTerms(text), embedding, truncated, models: versions };
};

/** Every entity label and each of its words: a keyword equal to one of them repeats an entity. */
const entityWords = (entities: readonly { label: string }[]): Set<string> => {
  const keys = new Set<string>();
  for (const entity of entities) {
    const key = labelKey(entity.label);
    keys.add(key);
    for (const word of key.split(/[\s'’-]+/)) {
      keys.add(word);
    }
  }
  return keys;
};

/**
 * The collection-aware half: entities chosen by the policy (types, confidence floors, a cap per
 * type) and keywords by TF-IDF against the corpus, which it updates. A keyword never repeats an
 * entity the models found, chosen or not ("okafor" beside "Maria Okafor").
 */
export const finishTagging = (
  analysis: TextAnalysis,
  input: {
    documentKey: string;
    corpus: CorpusStats;
    topKeywords: number;
    entityPolicy?: EntityPolicy;
  }
): TagDocumentResult => {
  input.corpus.set(input.documentKey, analysis.terms);
  const covered = entityWords(analysis.entities);
  const candidates = keywordTags(
    analysis.terms.filter((term) => !covered.has(labelKey(term))),
    input.corpus,
    input.topKeywords
  );
  const entities = selectEntities(analysis.entities, input.entityPolicy ?? DEFAULT_ENTITY_POLICY);
  return {
    tags: [...entities, ...candidates],
    terms: [...new Set(analysis.terms)],
    embedding: analysis.embedding,
    truncated: analysis.truncated,
    models: analysis.models,
  };
};

export interface TagDocumentInput {
  text: string;
  /** Key of the document in the corpus, so its own previous version is replaced, not counted twice. */
  documentKey: string;
  corpus: CorpusStats;
  topKeywords: number;
  maxChars: number;
  entityPolicy?: EntityPolicy;
}

/** Both halves in one call (evaluation, benchmarks, tests). */
export const tagDocument = async (
  models: TaggingModels,
  input: TagDocumentInput
): Promise<TagDocumentResult> =>
  finishTagging(await analyseText(models, input.text, input.maxChars), input);
