import { labelKey } from '../entities/clean-label';
import { CorpusStats } from '../keywords/corpus-stats';
import { extractTerms } from '../keywords/extract-terms';
import { KEYWORDS_NAME, KEYWORDS_VERSION, keywordTags } from '../keywords/keyword-extractor';
import { limitText } from '../text/limit-text';
import type { Embedder, ExtractedTag, TagExtractor } from '../types';

export interface TaggingModels {
  /** Entity extractors, run in order; the first to name a label wins its type. */
  entityExtractors: TagExtractor[];
  embedder: Embedder | null;
}

export interface TagDocumentInput {
  text: string;
  /** Key of the document in the corpus, so its own previous version is replaced, not counted twice. */
  documentKey: string;
  corpus: CorpusStats;
  topKeywords: number;
  maxChars: number;
}

export interface TagDocumentResult {
  tags: ExtractedTag[];
  /** Distinct terms, stored so corpus statistics can be rebuilt after a restart. */
  terms: string[];
  embedding: number[] | null;
  truncated: boolean;
  /** Extractor and model versions that produced this result, by extractor name. */
  models: Record<string, string>;
}

/** Runs every extractor over one document's text; pure apart from updating the corpus statistics. */
export const tagDocument = async (
  models: TaggingModels,
  input: TagDocumentInput
): Promise<TagDocumentResult> => {
  const { text, truncated } = limitText(input.text, input.maxChars);
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

  const terms = extractTerms(text);
  input.corpus.set(input.documentKey, terms);
  const keywords = keywordTags(terms, input.corpus, input.topKeywords).filter(
    (keyword) => !seen.has(labelKey(keyword.label))
  );

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

  return {
    tags: [...entities, ...keywords],
    terms: [...new Set(terms)],
    embedding,
    truncated,
    models: versions,
  };
};
