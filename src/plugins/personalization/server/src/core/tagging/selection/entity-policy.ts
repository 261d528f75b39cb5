import type { ExtractedTag, TagType } from '../types';

export type EntityType = Exclude<TagType, 'KEYWORD'>;
export const ENTITY_TYPES: readonly EntityType[] = [
  'PER',
  'ORG',
  'LOC',
  'MISC',
  'DATE',
  'MONEY',
  'PERCENT',
  'QUANTITY',
];

/** Which entities become tags: types switched on, a confidence floor per type, a cap per type. */
export interface EntityPolicy {
  types: Record<EntityType, boolean>;
  minConfidence: Record<EntityType, number>;
  maxPerType: number;
}

/**
 * People, organisations and places on; MISC (nationalities, events, currency codes), dates,
 * money, percentages and quantities off: editors rarely want them as tags. With three keywords
 * this leaves at most 12 tags per entry.
 */
export const DEFAULT_ENTITY_POLICY: EntityPolicy = {
  types: {
    PER: true,
    ORG: true,
    LOC: true,
    MISC: false,
    DATE: false,
    MONEY: false,
    PERCENT: false,
    QUANTITY: false,
  },
  minConfidence: {
    PER: 0.7,
    ORG: 0.7,
    LOC: 0.7,
    MISC: 0.8,
    DATE: 0.6,
    MONEY: 0.6,
    PERCENT: 0.6,
    QUANTITY: 0.6,
  },
  maxPerType: 3,
};

/** Applies the policy: the most confident entities of each switched-on type above its floor. */
export const selectEntities = (
  entities: readonly ExtractedTag[],
  policy: EntityPolicy
): ExtractedTag[] => {
  const kept: ExtractedTag[] = [];
  const perType = new Map<TagType, number>();
  const ranked = [...entities].sort(
    (a, b) => b.confidence - a.confidence || a.label.localeCompare(b.label)
  );
  for (const entity of ranked) {
    if (entity.type === 'KEYWORD') {
      continue;
    }
    const count = perType.get(entity.type) ?? 0;
    if (
      policy.types[entity.type] &&
      entity.confidence >= policy.minConfidence[entity.type] &&
      count < policy.maxPerType
    ) {
      kept.push(entity);
      perType.set(entity.type, count + 1);
    }
  }
  return kept;
};
