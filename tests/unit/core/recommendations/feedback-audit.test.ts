import {
  auditFeedbackLoop,
  weekOf,
} from '../../../../src/plugins/personalization/server/src/core/recommendations';

const DAY = 86_400_000;
const MONDAY = Date.UTC(2026, 10, 23);

describe('feedback-loop audit', () => {
  it('puts a time in the week of its Monday (UTC)', () => {
    expect(weekOf(Date.UTC(2026, 11, 2, 12))).toBe('2026-11-30');
    expect(weekOf(Date.UTC(2026, 10, 30))).toBe('2026-11-30');
    expect(weekOf(Date.UTC(2026, 10, 29, 23, 59))).toBe('2026-11-23');
  });

  it('computes top share, coverage and entropy per week and segment, and warns on narrowing', () => {
    const event = (caller: string, item: string, day: number, tags: string[]) => ({
      caller,
      item,
      time: MONDAY + day * DAY,
      tags,
    });
    const events = [
      // Week 1: the fan reads sports and travel (entropy 1 bit).
      event('fan', 'a', 0, ['sports']),
      event('fan', 'b', 1, ['travel']),
      // Week 2: only sports (entropy 0): a drop of 1 bit.
      event('fan', 'a', 7, ['sports']),
      event('fan', 'c', 8, ['sports']),
      event('other', 'a', 8, ['sports']),
    ];
    const rows = auditFeedbackLoop(events, (caller) => (caller === 'fan' ? ['fans'] : []), {
      catalogueSize: 10,
      entropyDropWarning: 0.5,
    });
    const fans = rows.filter((row) => row.segment === 'fans');
    expect(fans.map((row) => row.week)).toEqual(['2026-11-23', '2026-11-30']);
    expect(fans[0]).toMatchObject({ exposures: 2, entries: 2, coverage: 0.2, entropy: 1 });
    expect(fans[0]).toMatchObject({ entropyDrop: null, warning: false, topShare: 0.5 });
    expect(fans[1]).toMatchObject({ entropy: 0, entropyDrop: 1, warning: true });
    const all = rows.filter((row) => row.segment === 'all');
    // Week 2 for everyone: a twice, c once; the top 10% of 10 entries is a: 2 of 3.
    expect(all[1]).toMatchObject({ exposures: 3, entries: 2, topShare: 2 / 3, coverage: 0.2 });
    expect(all[1].warning).toBe(true);

    const lenient = auditFeedbackLoop(events, () => [], {
      catalogueSize: 10,
      entropyDropWarning: 1.5,
    });
    expect(lenient.some((row) => row.warning)).toBe(false);
  });
});
