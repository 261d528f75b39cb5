import {
  DEFAULT_RANKER_OPTIONS,
  type CatalogueItem,
  type Interaction,
  type RankerOptions,
} from './types';

const DAY_MS = 86_400_000;

export interface Neighbour {
  item: number;
  similarity: number;
}

/** What the ranker learned from a catalogue and its logged interactions: built once, read per caller. */
export interface RecommendationModel {
  options: RankerOptions;
  items: readonly CatalogueItem[];
  index: ReadonlyMap<string, number>;
  /** The index of each item's base entry (itself for a base entry). */
  baseOf: Int32Array;
  isVariant: Uint8Array;
  /** Interactions per item, decayed to `now` (cold-start popularity), scaled so the top is 1. */
  popularity: Float64Array;
  /** Each item's distinct tags. */
  tagSets: ReadonlyArray<ReadonlySet<string>>;
  /** Distinct users per item (exposure, for exploration and bias metrics). */
  users: Int32Array;
  /** Top co-engaged items per item by cosine over binary user-item vectors. */
  neighbours: ReadonlyArray<readonly Neighbour[]>;
  tagIndex: ReadonlyMap<string, readonly number[]>;
  /** Unit-length embeddings, null where an item has none. */
  embeddings: ReadonlyArray<Float64Array | null>;
  /** The time the model stands at (latest interaction, or the time given). */
  now: number;
}

const unit = (vector: readonly number[] | null | undefined): Float64Array | null => {
  if (!vector || vector.length === 0) return null;
  let norm = 0;
  for (const value of vector) norm += value * value;
  if (norm === 0) return null;
  const scale = 1 / Math.sqrt(norm);
  return Float64Array.from(vector, (value) => value * scale);
};

/**
 * Co-engagement: cosine similarity of binary user-item vectors, |U_i ∩ U_j| / √(|U_i|·|U_j|).
 * Dividing by both degrees discounts popular items: an item everybody reads co-occurs with
 * everything but is similar to nothing in particular.
 */
const coEngagement = (
  perUser: ReadonlyMap<string, Array<{ item: number; time: number }>>,
  users: Int32Array,
  count: number,
  options: RankerOptions
): Neighbour[][] => {
  const pairs = new Map<number, number>();
  for (const history of perUser.values()) {
    const latest = new Map<number, number>();
    for (const { item, time } of history) latest.set(item, Math.max(latest.get(item) ?? 0, time));
    const distinct = [...latest.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, options.maxItemsPerUserForPairs)
      .map(([item]) => item)
      .sort((a, b) => a - b);
    for (let a = 0; a < distinct.length; a += 1) {
      const base = distinct[a] * count;
      for (let b = a + 1; b < distinct.length; b += 1) {
        const key = base + distinct[b];
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
  }
  const lists: Neighbour[][] = Array.from({ length: count }, () => []);
  for (const [key, together] of pairs) {
    const a = Math.floor(key / count);
    const b = key - a * count;
    const similarity = together / Math.sqrt(users[a] * users[b]);
    lists[a].push({ item: b, similarity });
    lists[b].push({ item: a, similarity });
  }
  return lists.map((list) =>
    list.sort((x, y) => y.similarity - x.similarity || x.item - y.item).slice(0, options.neighbours)
  );
};

/**
 * Trains the ranker's model. Interactions about items outside the catalogue are ignored; an
 * interaction with a variant counts for its base entry (readers of a variant read the entry).
 */
export const trainModel = (
  items: readonly CatalogueItem[],
  interactions: readonly Interaction[],
  settings: Partial<RankerOptions> & { now?: number } = {}
): RecommendationModel => {
  const { now: givenNow, ...overrides } = settings;
  const options: RankerOptions = {
    ...DEFAULT_RANKER_OPTIONS,
    ...overrides,
    weights: { ...DEFAULT_RANKER_OPTIONS.weights, ...overrides.weights },
  };
  const index = new Map(items.map((item, position) => [item.id, position]));
  const count = items.length;
  const baseOf = new Int32Array(count);
  const isVariant = new Uint8Array(count);
  items.forEach((item, position) => {
    const base = item.variantOf ? index.get(item.variantOf) : undefined;
    baseOf[position] = base ?? position;
    isVariant[position] = item.variantOf ? 1 : 0;
  });

  let now = givenNow ?? 0;
  if (givenNow === undefined) for (const { time } of interactions) now = Math.max(now, time);

  const popularity = new Float64Array(count);
  const users = new Int32Array(count);
  const perUser = new Map<string, Array<{ item: number; time: number }>>();
  const rate = Math.LN2 / (options.popularityHalfLifeDays * DAY_MS);
  for (const interaction of interactions) {
    const found = index.get(interaction.item);
    if (found === undefined) continue;
    const item = baseOf[found];
    popularity[item] +=
      (interaction.weight ?? 1) * Math.exp(-rate * Math.max(0, now - interaction.time));
    let history = perUser.get(interaction.user);
    if (!history) perUser.set(interaction.user, (history = []));
    history.push({ item, time: interaction.time });
  }
  for (const history of perUser.values()) {
    for (const item of new Set(history.map((entry) => entry.item))) users[item] += 1;
  }

  const tagIndex = new Map<string, number[]>();
  items.forEach((item, position) => {
    if (isVariant[position]) return;
    for (const tag of new Set(item.tags)) {
      const list = tagIndex.get(tag);
      if (list) list.push(position);
      else tagIndex.set(tag, [position]);
    }
  });

  let top = 0;
  for (const value of popularity) top = Math.max(top, value);
  if (top > 0) for (let item = 0; item < count; item += 1) popularity[item] /= top;

  return {
    options,
    tagSets: items.map((item) => new Set(item.tags)),
    items,
    index,
    baseOf,
    isVariant,
    popularity,
    users,
    neighbours: coEngagement(perUser, users, count, options),
    tagIndex,
    embeddings: items.map((item) => unit(item.embedding)),
    now,
  };
};
