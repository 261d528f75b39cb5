import { seededRandom } from '../math/seeded-random';
import { drawLessExposed, explorationSlots } from './exploration';
import { hashSeed } from './hash-seed';
import { mmrRerank } from './mmr';
import type { RecommendationModel } from './model';
import type { CallerHistory, Recommendation, RecommendRequest } from './types';

const DAY_MS = 86_400_000;
/** Candidates whose score is this close to zero carry no personal signal. */
const EPSILON = 1e-12;
/** Tag reasons given per item at most. */
const TAG_REASONS = 2;

interface Signals {
  tags: Float64Array;
  co: Float64Array;
  embedding: Float64Array;
  /** History item index → its decayed weight. */
  history: Map<number, number>;
  affinities: Map<string, number>;
  userVector: Float64Array | null;
}

const scaleToMax = (values: Float64Array): void => {
  let max = 0;
  for (const value of values) if (value > max) max = value;
  if (max > 0) for (let index = 0; index < values.length; index += 1) values[index] /= max;
};

/** The caller's affinities: given (the stored profile), or summed from the tags of what they engaged with. */
const affinitiesOf = (
  model: RecommendationModel,
  caller: CallerHistory,
  history: Map<number, number>
): Map<string, number> => {
  if (caller.affinities) {
    return new Map(
      Object.entries(caller.affinities)
        .filter(([, weight]) => weight > 0)
        .map(([label, weight]) => [label.toLowerCase(), weight])
    );
  }
  const affinities = new Map<string, number>();
  for (const [item, weight] of history) {
    for (const tag of model.items[item].tags) {
      affinities.set(tag, (affinities.get(tag) ?? 0) + weight);
    }
  }
  return affinities;
};

const signalsFor = (model: RecommendationModel, caller: CallerHistory): Signals => {
  const count = model.items.length;
  const rate = Math.LN2 / (model.options.historyHalfLifeDays * DAY_MS);
  const history = new Map<number, number>();
  for (const { item, time, weight } of caller.engaged) {
    const found = model.index.get(item);
    if (found === undefined) continue;
    const base = model.baseOf[found];
    const decayed = (weight ?? 1) * Math.exp(-rate * Math.max(0, model.now - time));
    history.set(base, (history.get(base) ?? 0) + decayed);
  }
  const affinities = affinitiesOf(model, caller, history);

  const tags = new Float64Array(count);
  for (const [label, weight] of affinities) {
    for (const item of model.tagIndex.get(label) ?? []) tags[item] += weight;
  }
  for (let item = 0; item < count; item += 1) {
    if (tags[item] > 0) tags[item] /= Math.sqrt(model.tagSets[item].size);
  }

  const co = new Float64Array(count);
  for (const [item, weight] of history) {
    for (const neighbour of model.neighbours[item])
      co[neighbour.item] += weight * neighbour.similarity;
  }

  const embedding = new Float64Array(count);
  let userVector: Float64Array | null = null;
  for (const [item, weight] of history) {
    const vector = model.embeddings[item];
    if (!vector) continue;
    userVector ??= new Float64Array(vector.length);
    if (userVector.length !== vector.length) continue;
    for (let d = 0; d < vector.length; d += 1) userVector[d] += weight * vector[d];
  }
  if (userVector) {
    for (let item = 0; item < count; item += 1) {
      const vector = model.embeddings[item];
      if (!vector || vector.length !== userVector.length) continue;
      let dot = 0;
      for (let d = 0; d < vector.length; d += 1) dot += vector[d] * userVector[d];
      embedding[item] = Math.max(0, dot);
    }
  }
  scaleToMax(tags);
  scaleToMax(co);
  scaleToMax(embedding);
  return { tags, co, embedding, history, affinities, userVector };
};

/** Similarity of two items for the diversity re-rank: embedding cosine, else Jaccard of their tags. */
export const itemSimilarity = (model: RecommendationModel, a: number, b: number): number => {
  const x = model.embeddings[a];
  const y = model.embeddings[b];
  if (x && y && x.length === y.length) {
    let dot = 0;
    for (let d = 0; d < x.length; d += 1) dot += x[d] * y[d];
    return Math.max(0, dot);
  }
  const left = model.tagSets[a];
  const right = model.tagSets[b];
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const tag of right) if (left.has(tag)) shared += 1;
  return shared / (left.size + right.size - shared);
};

/** The reasons for one personalized item, strongest contribution first. */
const reasonsFor = (model: RecommendationModel, signals: Signals, item: number): string[] => {
  const { weights } = model.options;
  const reasons: Array<{ reason: string; weight: number }> = [];
  if (signals.tags[item] > EPSILON) {
    // The two strongest of the caller's affinities among the entry's tags; on a tie the tag more
    // entries carry (a broad interest such as a topic) before a rarer one, then by label.
    const frequency = (tag: string) => model.tagIndex.get(tag)?.length ?? 0;
    const tags = [...model.tagSets[item]]
      .map((tag) => ({ tag, weight: signals.affinities.get(tag) ?? 0 }))
      .filter((entry) => entry.weight > 0)
      .sort(
        (a, b) =>
          b.weight - a.weight || frequency(b.tag) - frequency(a.tag) || a.tag.localeCompare(b.tag)
      )
      .slice(0, TAG_REASONS);
    const top = tags[0]?.weight ?? 0;
    for (const { tag, weight } of tags) {
      reasons.push({
        reason: `tag:${tag}`,
        weight: (weights.tags * signals.tags[item] * weight) / top,
      });
    }
  }
  const similar =
    weights.coEngagement * signals.co[item] + weights.embedding * signals.embedding[item];
  if (similar > EPSILON) {
    let bestSource = -1;
    let bestValue = 0;
    for (const [source, weight] of signals.history) {
      const neighbour = model.neighbours[source].find((entry) => entry.item === item);
      const value =
        weight *
        (weights.coEngagement * (neighbour?.similarity ?? 0) +
          weights.embedding * (signals.userVector ? itemSimilarity(model, source, item) : 0));
      if (value > bestValue) [bestSource, bestValue] = [source, value];
    }
    if (bestSource >= 0) {
      reasons.push({ reason: `similar-to:${model.items[bestSource].id}`, weight: similar });
    }
  }
  if (reasons.length === 0) return ['popular'];
  return reasons.sort((a, b) => b.weight - a.weight).map((entry) => entry.reason);
};

const topByScore = (scores: Float64Array, eligible: Uint8Array, count: number): number[] => {
  const positions: number[] = [];
  for (let item = 0; item < scores.length; item += 1) if (eligible[item]) positions.push(item);
  positions.sort((a, b) => scores[b] - scores[a] || a - b);
  return positions.slice(0, count);
};

const round = (value: number): number => Math.round(value * 10_000) / 10_000;

/**
 * Ranks the catalogue for one caller: tag affinities, co-engagement with what they read and
 * embedding similarity to it, blended; read items, their variants' bases and variants left out;
 * MMR over embeddings for diversity; a share of slots for less-exposed entries. A caller with no
 * usable history gets the recency-decayed popularity list. The endpoint and the offline
 * evaluation both call this.
 */
export const recommend = (
  model: RecommendationModel,
  caller: CallerHistory,
  request: RecommendRequest
): Recommendation[] => {
  const { weights, mmrLambda, candidateFactor } = model.options;
  const count = model.items.length;
  const limit = Math.max(0, Math.min(request.limit, count));
  const random = seededRandom(hashSeed(`${caller.key}|${request.listId}`));
  const signals = signalsFor(model, caller);

  const eligible = new Uint8Array(count);
  for (let item = 0; item < count; item += 1) eligible[item] = model.isVariant[item] ? 0 : 1;
  for (const item of signals.history.keys()) eligible[item] = 0;
  for (const id of caller.exclude ?? []) {
    const found = model.index.get(id);
    if (found !== undefined) eligible[model.baseOf[found]] = 0;
  }

  const { popularity } = model;
  const scores = new Float64Array(count);
  let personal = false;
  for (let item = 0; item < count; item += 1) {
    const signal =
      weights.tags * signals.tags[item] +
      weights.coEngagement * signals.co[item] +
      weights.embedding * signals.embedding[item];
    if (signal > EPSILON) personal = true;
    scores[item] = signal + weights.popularity * popularity[item];
  }
  if (!personal) scores.set(popularity);

  const pool = topByScore(scores, eligible, Math.max(50, limit * candidateFactor));
  const best = pool.length > 0 ? scores[pool[0]] : 0;
  const relevance = pool.map((item) => (best > 0 ? scores[item] / best : 0));
  const order = mmrRerank(
    relevance,
    (a, b) => itemSimilarity(model, pool[a], pool[b]),
    limit,
    mmrLambda
  ).map((position) => pool[position]);

  const list: Recommendation[] = order.map((item) => ({
    item: model.items[item].id,
    score: round(scores[item]),
    reasons: personal ? reasonsFor(model, signals, item) : ['popular'],
  }));

  const share = request.explorationShare ?? model.options.explorationShare;
  const slots = explorationSlots(list.length, share, random);
  if (slots > 0) {
    const listed = new Set(order);
    const others: number[] = [];
    for (let item = 0; item < count; item += 1) {
      if (eligible[item] && !listed.has(item)) others.push(item);
    }
    const explored = drawLessExposed(others, (item) => model.users[item], slots, random);
    // The first slot stays the best match; exploration takes random later slots (or the last ones).
    const positions = Array.from({ length: Math.max(0, list.length - 1) }, (_, i) => i + 1);
    for (let i = positions.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [positions[i], positions[j]] = [positions[j], positions[i]];
    }
    explored.forEach((item, position) => {
      const slot = positions[position] ?? list.length - 1 - position;
      if (slot < 0) return;
      list[slot] = { item: model.items[item].id, score: round(scores[item]), reasons: ['explore'] };
    });
  }
  return list;
};
