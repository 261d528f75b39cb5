import { seededRandom } from '../math/seeded-random';
import { hashSeed } from './hash-seed';
import {
  averagePrecisionAtK,
  catalogueCoverage,
  gini,
  ndcgAtK,
  precisionAtK,
  recallAtK,
} from './metrics';
import { trainModel, type RecommendationModel } from './model';
import { recommend } from './rank';
import type { CatalogueItem, Interaction, RankerOptions } from './types';

export interface Split {
  train: Interaction[];
  /** User → items they engaged with in their held-out tail. */
  test: Map<string, Set<string>>;
}

/**
 * Per-user time split: each user's interactions sorted by time, the last `fraction` (at least one,
 * for users with two or more) held out. Every user keeps a training past, and every held-out item
 * comes after that user's training ones.
 */
export const splitByUserTime = (interactions: readonly Interaction[], fraction = 0.2): Split => {
  const perUser = new Map<string, Interaction[]>();
  for (const interaction of interactions) {
    const list = perUser.get(interaction.user);
    if (list) list.push(interaction);
    else perUser.set(interaction.user, [interaction]);
  }
  const train: Interaction[] = [];
  const test = new Map<string, Set<string>>();
  for (const [user, list] of perUser) {
    list.sort((a, b) => a.time - b.time);
    const held = list.length >= 2 ? Math.max(1, Math.floor(list.length * fraction)) : 0;
    const cut = list.length - held;
    train.push(...list.slice(0, cut));
    const seen = new Set(list.slice(0, cut).map((interaction) => interaction.item));
    // Re-reads of training items are not something a recommender can be credited with.
    const fresh = new Set(
      list
        .slice(cut)
        .map((i) => i.item)
        .filter((item) => !seen.has(item))
    );
    if (fresh.size > 0) test.set(user, fresh);
  }
  return { train, test };
};

export interface MethodResult {
  name: string;
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  coverage: number;
  gini: number;
  /** Mean training popularity (interactions) of recommended items, and of held-out items. */
  meanPopularityRecommended: number;
  meanPopularityHeldOut: number;
}

export interface EvaluationReport {
  users: number;
  items: number;
  train: number;
  heldOut: number;
  k: number;
  methods: MethodResult[];
  milliseconds: { train: number; rank: number };
}

type Recommender = (user: string, seen: ReadonlySet<string>) => string[];

const summarize = (
  name: string,
  lists: Map<string, string[]>,
  split: Split,
  counts: Map<string, number>,
  catalogue: readonly CatalogueItem[],
  k: number
): MethodResult => {
  let precision = 0;
  let recall = 0;
  let ndcg = 0;
  let map = 0;
  const exposure = new Map<string, number>();
  let recommendedPopularity = 0;
  let recommendedCount = 0;
  let heldPopularity = 0;
  let heldCount = 0;
  for (const [user, relevant] of split.test) {
    const ranked = lists.get(user) ?? [];
    precision += precisionAtK(ranked, relevant, k);
    recall += recallAtK(ranked, relevant, k);
    ndcg += ndcgAtK(ranked, relevant, k);
    map += averagePrecisionAtK(ranked, relevant, k);
    for (const item of ranked) {
      exposure.set(item, (exposure.get(item) ?? 0) + 1);
      recommendedPopularity += counts.get(item) ?? 0;
      recommendedCount += 1;
    }
    for (const item of relevant) {
      heldPopularity += counts.get(item) ?? 0;
      heldCount += 1;
    }
  }
  const users = Math.max(1, split.test.size);
  const bases = catalogue.filter((item) => !item.variantOf);
  return {
    name,
    precision: precision / users,
    recall: recall / users,
    ndcg: ndcg / users,
    map: map / users,
    coverage: catalogueCoverage([...lists.values()], bases.length),
    gini: gini(bases.map((item) => exposure.get(item.id) ?? 0)),
    meanPopularityRecommended: recommendedCount > 0 ? recommendedPopularity / recommendedCount : 0,
    meanPopularityHeldOut: heldCount > 0 ? heldPopularity / heldCount : 0,
  };
};

/** Per user: the items seen and the interactions; per item: how often it was seen (training part). */
const trainingIndexes = (train: readonly Interaction[]) => {
  const seenBy = new Map<string, Set<string>>();
  const counts = new Map<string, number>();
  const trainByUser = new Map<string, Interaction[]>();
  for (const interaction of train) {
    let seen = seenBy.get(interaction.user);
    if (!seen) seenBy.set(interaction.user, (seen = new Set()));
    seen.add(interaction.item);
    counts.set(interaction.item, (counts.get(interaction.item) ?? 0) + 1);
    const list = trainByUser.get(interaction.user);
    if (list) list.push(interaction);
    else trainByUser.set(interaction.user, [interaction]);
  }
  return { seenBy, counts, trainByUser };
};

/**
 * Trains the plugin's ranker (the same `trainModel` + `recommend` the endpoint uses) on the
 * training part and compares it with most-popular and random on the held-out part.
 */
export const evaluateRecommenders = (
  catalogue: readonly CatalogueItem[],
  interactions: readonly Interaction[],
  options: { k: number; seed?: number; ranker?: Partial<RankerOptions> }
): EvaluationReport => {
  const { k } = options;
  const split = splitByUserTime(interactions);
  const trainStart = performance.now();
  const model: RecommendationModel = trainModel(catalogue, split.train, options.ranker);
  const trainMs = performance.now() - trainStart;

  const { seenBy, counts, trainByUser } = trainingIndexes(split.train);
  const bases = catalogue.filter((item) => !item.variantOf).map((item) => item.id);
  const byCount = [...bases].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0));

  const methods: Array<[string, Recommender]> = [
    [
      'ranker',
      (user) =>
        recommend(
          model,
          { key: user, engaged: trainByUser.get(user) ?? [] },
          { limit: k, listId: `eval-${options.seed ?? 1}` }
        ).map((entry) => entry.item),
    ],
    [
      'most-popular',
      (_user, seen) => {
        const list: string[] = [];
        for (const item of byCount) {
          if (list.length >= k) break;
          if (!seen.has(item)) list.push(item);
        }
        return list;
      },
    ],
    [
      'random',
      (user, seen) => {
        const random = seededRandom(hashSeed(`${user}|random|${options.seed ?? 1}`));
        const list = new Set<string>();
        const available = bases.length - seen.size;
        while (list.size < Math.min(k, available)) {
          const item = bases[Math.floor(random() * bases.length)];
          if (!seen.has(item)) list.add(item);
        }
        return [...list];
      },
    ],
  ];

  const rankStart = performance.now();
  const results = methods.map(([name, recommender]) => {
    const lists = new Map<string, string[]>();
    for (const user of split.test.keys()) {
      lists.set(user, recommender(user, seenBy.get(user) ?? new Set()));
    }
    return summarize(name, lists, split, counts, catalogue, k);
  });
  let heldOut = 0;
  for (const items of split.test.values()) heldOut += items.size;
  return {
    users: split.test.size,
    items: bases.length,
    train: split.train.length,
    heldOut,
    k,
    methods: results,
    milliseconds: { train: trainMs, rank: performance.now() - rankStart },
  };
};
