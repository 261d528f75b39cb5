/** Tags of an entry and related entries, as the tag routes answer them (admin and content API). */
export const TAG_TYPE_NAMES = [
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
export type TagTypeName = (typeof TAG_TYPE_NAMES)[number];

export interface EntryTag {
  label: string;
  type: TagTypeName;
  confidence: number;
  source: string;
  status: 'suggested' | 'accepted' | 'rejected';
}

export interface EntryTagsResponse {
  state: 'tagged' | 'pending';
  tags: EntryTag[];
  taggedAt: string | null;
}

export interface RelatedResponse {
  related: { documentId: string; score: number; title: string | null }[];
}
