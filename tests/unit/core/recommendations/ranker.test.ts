import {
  explorationSlots,
  mmrRerank,
  recommend,
  trainModel,
  type CatalogueItem,
  type Interaction,
} from '../../../../src/plugins/personalization/server/src/core/recommendations';
import { seededRandom } from '../../../../src/plugins/personalization/server/src/core/math/seeded-random';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);

const items = (count: number, tagOf: (index: number) => string[]): CatalogueItem[] =>
  Array.from({ length: count }, (_, index) => ({ id: `i${index}`, tags: tagOf(index) }));

describe('MMR re-rank', () => {
  // 0 and 1 are near duplicates; 2 is different and less relevant.
  const relevance = [1, 0.95, 0.5];
  const similarity = (a: number, b: number) =>
    (a === 0 && b === 1) || (a === 1 && b === 0) ? 1 : 0;

  it('orders by relevance alone at λ = 1', () => {
    expect(mmrRerank(relevance, similarity, 3, 1)).toEqual([0, 1, 2]);
  });

  it('puts the different item before the near duplicate at λ = 0.5', () => {
    // After 0: item 1 scores 0.5·0.95 − 0.5·1 = −0.025, item 2 scores 0.5·0.5 − 0 = 0.25.
    expect(mmrRerank(relevance, similarity, 3, 0.5)).toEqual([0, 2, 1]);
  });

  it('keeps one topic from filling the ranker’s list', () => {
    // Ten sports items and ten travel items; the caller likes sports far more than travel.
    const catalogue = items(20, (index) => [index < 10 ? 'sports' : 'travel']);
    const model = trainModel(catalogue, [], { now: NOW, mmrLambda: 0.5, explorationShare: 0 });
    const caller = { key: 'c', engaged: [], affinities: { sports: 3, travel: 1 } };
    const list = recommend(model, caller, { limit: 4, listId: 'l' });
    const topics = list.map((entry) => catalogue[Number(entry.item.slice(1))].tags[0]);
    expect(topics[0]).toBe('sports');
    expect(topics).toContain('travel');
    const relevanceOnly = recommend(
      trainModel(catalogue, [], { now: NOW, mmrLambda: 1, explorationShare: 0 }),
      caller,
      {
        limit: 4,
        listId: 'l',
      }
    );
    expect(relevanceOnly.every((entry) => Number(entry.item.slice(1)) < 10)).toBe(true);
  });
});

describe('exploration', () => {
  it('gives exactly the whole share, and the fraction as a probability', () => {
    const random = seededRandom(1);
    expect(explorationSlots(10, 0.1, random)).toBe(1);
    expect(explorationSlots(20, 0.1, random)).toBe(2);
    expect(explorationSlots(10, 0, random)).toBe(0);
    let total = 0;
    for (let draw = 0; draw < 10_000; draw += 1) total += explorationSlots(5, 0.1, random);
    // Expected 0.5 per list; the standard error of the mean is 0.005.
    expect(total / 10_000).toBeGreaterThan(0.47);
    expect(total / 10_000).toBeLessThan(0.53);
  });

  const catalogue = items(100, (index) => [`topic-${index % 5}`]);
  const interactions: Interaction[] = [];
  for (let user = 0; user < 30; user += 1) {
    for (let item = 0; item < 10; item += 1) {
      interactions.push({
        user: `u${user}`,
        item: `i${(user + item) % 20}`,
        time: NOW - item * DAY,
      });
    }
  }
  const model = trainModel(catalogue, interactions, { now: NOW });
  const caller = { key: 'reader', engaged: [{ item: 'i0', time: NOW }] };

  it('marks the default 10% of slots `explore`, on less-exposed entries, reproducibly per caller and list', () => {
    const list = recommend(model, caller, { limit: 10, listId: 'rec-1' });
    const explored = list.filter((entry) => entry.reasons[0] === 'explore');
    expect(explored).toHaveLength(1);
    expect(list[0].reasons).not.toContain('explore');
    // Entries 0–19 are the ones everybody read; exploration draws from the rest more often.
    expect(recommend(model, caller, { limit: 10, listId: 'rec-1' })).toEqual(list);
    let lessExposed = 0;
    for (let n = 0; n < 50; n += 1) {
      const [entry] = recommend(model, caller, { limit: 10, listId: `rec-${n}` }).filter(
        (candidate) => candidate.reasons[0] === 'explore'
      );
      if (Number(entry.item.slice(1)) >= 20) lessExposed += 1;
    }
    expect(lessExposed).toBeGreaterThan(40);
  });

  it('follows the share asked for', () => {
    const count = (share: number) =>
      recommend(model, caller, { limit: 10, listId: 'l', explorationShare: share }).filter(
        (entry) => entry.reasons[0] === 'explore'
      ).length;
    expect(count(0)).toBe(0);
    expect(count(0.3)).toBe(3);
  });
});

describe('candidates and reasons', () => {
  const catalogue: CatalogueItem[] = [
    { id: 'a', tags: ['sports'] },
    { id: 'b', tags: ['sports'] },
    { id: 'b-premium', tags: ['sports'], variantOf: 'b' },
    { id: 'c', tags: ['sports'] },
    { id: 'd', tags: ['travel'] },
    { id: 'e', tags: ['travel'] },
  ];

  it('never recommends what the caller read, the base of a variant they read, or any variant', () => {
    const model = trainModel(catalogue, [], { now: NOW, explorationShare: 0 });
    const list = recommend(
      model,
      {
        key: 'k',
        engaged: [
          { item: 'a', time: NOW },
          { item: 'b-premium', time: NOW },
        ],
      },
      { limit: 10, listId: 'l' }
    );
    expect(list.map((entry) => entry.item).sort()).toEqual(['c', 'd', 'e']);
    expect(list[0]).toMatchObject({ item: 'c', reasons: ['tag:sports'] });
  });

  it('names the two strongest tags, the broader first on a tie', () => {
    const tagged: CatalogueItem[] = [
      { id: 'read', tags: ['sunday', 'sports'] },
      { id: 'match', tags: ['sunday', 'sports', 'football'] },
      { id: 'other', tags: ['sports'] },
    ];
    const model = trainModel(tagged, [], { now: NOW, explorationShare: 0 });
    // Equal affinities for sunday and sports; sports is on three entries, sunday on two.
    const [first] = recommend(
      model,
      { key: 'k', engaged: [{ item: 'read', time: NOW }] },
      { limit: 1, listId: 'l' }
    );
    expect(first).toMatchObject({ item: 'match', reasons: ['tag:sports', 'tag:sunday'] });
  });

  it('ranks a cold-start caller by popularity decayed with recency', () => {
    const interactions: Interaction[] = [
      // Four readers of d four weeks ago count 4 · 2^-4 = 0.25 at a 7-day half-life …
      ...[1, 2, 3, 4].map((user) => ({ user: `u${user}`, item: 'd', time: NOW - 28 * DAY })),
      // … one reader of e today counts 1, two of c yesterday count 2 · 2^(-1/7).
      { user: 'u5', item: 'e', time: NOW },
      { user: 'u6', item: 'c', time: NOW - DAY },
      { user: 'u7', item: 'c', time: NOW - DAY },
    ];
    const model = trainModel(catalogue, interactions, { now: NOW, explorationShare: 0 });
    const list = recommend(model, { key: 'new', engaged: [] }, { limit: 3, listId: 'l' });
    expect(list.map((entry) => entry.item)).toEqual(['c', 'e', 'd']);
    expect(list.every((entry) => entry.reasons.join() === 'popular')).toBe(true);
  });

  it('learns co-engagement that discounts a popular item, and names the item it is similar to', () => {
    const catalogue2 = items(6, () => []);
    const interactions: Interaction[] = [];
    // Everyone reads i5. Readers of i0 also read i1 (and only they do).
    for (let user = 0; user < 20; user += 1) {
      interactions.push({ user: `u${user}`, item: 'i5', time: NOW - DAY });
      if (user < 4) {
        interactions.push({ user: `u${user}`, item: 'i0', time: NOW - DAY });
        interactions.push({ user: `u${user}`, item: 'i1', time: NOW - DAY });
      }
    }
    const model = trainModel(catalogue2, interactions, { now: NOW, explorationShare: 0 });
    const neighbours = model.neighbours[0];
    const similarity = (item: number) =>
      neighbours.find((entry) => entry.item === item)?.similarity;
    // i0–i1: 4 / √(4·4) = 1; i0–i5: 4 / √(4·20) ≈ 0.447 although they co-occur as often.
    expect(similarity(1)).toBeCloseTo(1, 10);
    expect(similarity(5)).toBeCloseTo(4 / Math.sqrt(80), 10);
    const list = recommend(
      model,
      { key: 'x', engaged: [{ item: 'i0', time: NOW }] },
      { limit: 2, listId: 'l' }
    );
    expect(list[0]).toMatchObject({ item: 'i1', reasons: ['similar-to:i0'] });
  });

  it('uses embeddings: the item nearest to what was read comes first', () => {
    const embedded: CatalogueItem[] = [
      { id: 'read', tags: [], embedding: [1, 0, 0] },
      { id: 'near', tags: [], embedding: [0.9, 0.1, 0] },
      { id: 'far', tags: [], embedding: [0, 0, 1] },
    ];
    const model = trainModel(embedded, [], { now: NOW, explorationShare: 0 });
    const list = recommend(
      model,
      { key: 'x', engaged: [{ item: 'read', time: NOW }] },
      { limit: 2, listId: 'l' }
    );
    expect(list[0]).toMatchObject({ item: 'near', reasons: ['similar-to:read'] });
  });
});
