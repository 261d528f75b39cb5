import type { ExtractedTag } from '../types';
import type { CorpusStats } from './corpus-stats';
import { rankKeywords } from './rank-keywords';

export const KEYWORDS_NAME = 'tfidf-keywords';
export const KEYWORDS_VERSION = '1.0.0+wink-eng-lite-web-model@1.8';

/** Keyword tags: the top k terms by TF-IDF against the collection, scores scaled to the best. */
export const keywordTags = (
  terms: readonly string[],
  corpus: CorpusStats,
  topK: number
): ExtractedTag[] =>
  rankKeywords(terms, corpus, topK).map(({ term, score }) => ({
    label: term,
    type: 'KEYWORD',
    confidence: score,
    source: KEYWORDS_NAME,
    sourceVersion: KEYWORDS_VERSION,
  }));
