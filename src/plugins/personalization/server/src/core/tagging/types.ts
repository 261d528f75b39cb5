/** Entity and keyword types a tag can have; MISC is what an NER model calls everything else. */
export const TAG_TYPES = [
  'PER',
  'ORG',
  'LOC',
  'DATE',
  'MONEY',
  'PERCENT',
  'QUANTITY',
  'MISC',
  'KEYWORD',
] as const;
export type TagType = (typeof TAG_TYPES)[number];

export const TAG_STATUSES = ['suggested', 'accepted', 'rejected'] as const;
export type TagStatus = (typeof TAG_STATUSES)[number];

/** What an extractor found, before editor decisions are applied. */
export interface ExtractedTag {
  label: string;
  type: TagType;
  /** 0–1; for keywords the TF-IDF score scaled to the document's best keyword. */
  confidence: number;
  /** Name of the extractor that produced the tag, e.g. "offline-ner". */
  source: string;
  /** Version of that extractor (its own version plus its model's), so metadata says what produced it. */
  sourceVersion: string;
}

/** A stored tag as the content API and the tag endpoints show it. */
export interface Tag extends ExtractedTag {
  status: TagStatus;
}

/** An extractor of entities or keywords: one interface for bundled libraries and transformers.js models. */
export interface TagExtractor {
  readonly name: string;
  readonly version: string;
  extract(text: string): Promise<ExtractedTag[]>;
}

/** Turns text into one vector; the model version is stored beside the vector. */
export interface Embedder {
  readonly name: string;
  readonly version: string;
  embed(text: string): Promise<number[]>;
}
