import {
  evaluateRecommenders,
  splitByUserTime,
} from '../../../src/plugins/personalization/server/src/core/recommendations';
import { generateInteractions } from '../../../scripts/generate-interactions';
import { formatReport, parseInteractions, parseItems } from '../../../scripts/eval-recommendations';

describe('offline evaluation of recommendations', () => {
  it('holds out the last 20% of each user’s interactions, by time', () => {
    const interactions = Array.from({ length: 10 }, (_, n) => ({
      user: 'u',
      item: `i${n}`,
      time: 1000 - n,
    }));
    const split = splitByUserTime([...interactions, { user: 'single', item: 'i0', time: 5 }]);
    // The two earliest times are items 9 and 8… the last two by time are i1 and i0.
    expect([...(split.test.get('u') ?? [])].sort()).toEqual(['i0', 'i1']);
    expect(split.train.filter((i) => i.user === 'u')).toHaveLength(8);
    // A user with one interaction trains only.
    expect(split.test.has('single')).toBe(false);
    expect(split.train.some((i) => i.user === 'single')).toBe(true);
  });

  it('parses the CSV formats and names a bad line', () => {
    expect(
      parseInteractions('user,item,timestamp,weight\nu1,i1,2026-01-01T00:00:00Z,2\nu1,i2,5\n')
    ).toEqual([
      { user: 'u1', item: 'i1', time: Date.parse('2026-01-01T00:00:00Z'), weight: 2 },
      { user: 'u1', item: 'i2', time: 5, weight: 1 },
    ]);
    expect(() => parseInteractions('user,item,timestamp\nu1,i1,yesterday\n')).toThrow('line 2');
    expect(parseItems('item,tags\ni1,Sports|travel\ni2,\n')).toEqual([
      { id: 'i1', tags: ['sports', 'travel'] },
      { id: 'i2', tags: [] },
    ]);
  });

  it('beats most-popular and random on recall@10 when tastes are planted', () => {
    const files = generateInteractions({ users: 300, items: 1000, interactions: 12_000, seed: 3 });
    const report = evaluateRecommenders(
      parseItems(files.items),
      parseInteractions(files.interactions),
      {
        k: 10,
      }
    );
    const [ranker, popular, random] = report.methods;
    expect(report.methods.map((method) => method.name)).toEqual([
      'ranker',
      'most-popular',
      'random',
    ]);
    expect(ranker.recall).toBeGreaterThan(popular.recall);
    expect(ranker.recall).toBeGreaterThan(random.recall);
    // Most-popular recommends the same few items to everyone: the least coverage, the most unequal exposure.
    expect(popular.coverage).toBeLessThan(ranker.coverage);
    expect(popular.gini).toBeGreaterThan(ranker.gini);
    expect(formatReport(report)).toContain('most-popular');
  });
});
