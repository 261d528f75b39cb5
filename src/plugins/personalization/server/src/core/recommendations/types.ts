/** An entry the ranker may recommend. */
export interface CatalogueItem {
  id: string;
  /** Active tag labels, lower-cased. */
  tags: readonly string[];
  /** The text embedding from tagging; null when the entry was not embedded. */
  embedding?: readonly number[] | null;
  /** The base entry's id when this entry is a variant: variants are never recommended. */
  variantOf?: string | null;
}

/** One logged engagement: a caller (user) with an item at a time (epoch ms). */
export interface Interaction {
  user: string;
  item: string;
  time: number;
  /** Strength of the engagement (view 1, click 2 …); 1 when absent. */
  weight?: number;
}

export interface RankerWeights {
  tags: number;
  coEngagement: number;
  embedding: number;
  popularity: number;
}

export interface RankerOptions {
  /** Half-life of the popularity (cold start) and of the caller's history, in days. */
  popularityHalfLifeDays: number;
  historyHalfLifeDays: number;
  /** Neighbours kept per item in the co-engagement table. */
  neighbours: number;
  /** Latest distinct items per user counted into co-engagement pairs (bounds the quadratic pass). */
  maxItemsPerUserForPairs: number;
  weights: RankerWeights;
  /** MMR trade-off: 1 = relevance only, 0 = diversity only. */
  mmrLambda: number;
  /** Share of slots given to less-exposed entries (0–1). */
  explorationShare: number;
  /** Candidates re-ranked by MMR: `limit × candidateFactor`, at least 50. */
  candidateFactor: number;
}

export const DEFAULT_RANKER_OPTIONS: RankerOptions = {
  popularityHalfLifeDays: 7,
  historyHalfLifeDays: 30,
  neighbours: 50,
  maxItemsPerUserForPairs: 200,
  weights: { tags: 0.35, coEngagement: 0.4, embedding: 0.2, popularity: 0.05 },
  mmrLambda: 0.7,
  explorationShare: 0.1,
  candidateFactor: 5,
};

/** What the ranker knows about the caller it ranks for. */
export interface CallerHistory {
  /** Seeds the exploration draw with the list id, so a list is reproducible. */
  key: string;
  /** Items the caller engaged with (any of them, variants included: their base counts as read). */
  engaged: ReadonlyArray<{ item: string; time: number; weight?: number }>;
  /** Tag label → weight; computed from `engaged` and the items' tags when absent. */
  affinities?: Readonly<Record<string, number>>;
  /** Further items never to recommend. */
  exclude?: Iterable<string>;
}

export interface RecommendRequest {
  limit: number;
  /** The list id: returned with every item and sent back in events; seeds exploration. */
  listId: string;
  /** Overrides the model's exploration share for this request. */
  explorationShare?: number;
}

export interface Recommendation {
  item: string;
  score: number;
  /** Why, strongest first: `tag:<label>`, `similar-to:<id>`, `popular`, `explore`. */
  reasons: string[];
}
