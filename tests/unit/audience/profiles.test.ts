import {
  applyEvents,
  emptyProfile,
} from '../../../src/plugins/personalization/server/src/core/audience/profiles/apply-events';
import { eventWeight } from '../../../src/plugins/personalization/server/src/core/audience/profiles/event-weight';
import { profileView } from '../../../src/plugins/personalization/server/src/core/audience/profiles/profile-view';
import type { ProfileEvent } from '../../../src/plugins/personalization/server/src/core/audience/events/types';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const options = { halfLifeDays: 30 };

const event = (overrides: Partial<ProfileEvent>): ProfileEvent => ({
  type: 'view',
  value: null,
  time: T0,
  sessionId: 's1',
  tags: [],
  device: 'desktop',
  ...overrides,
});

describe('eventWeight', () => {
  it.each([
    ['view', null, 1],
    ['click', null, 2],
    ['dwell', 120_000, 2],
    ['dwell', 30 * 60_000, 5],
    ['scroll', 50, 0.5],
    ['conversion', 10, 3],
    ['custom', 7, 0],
  ] as const)('%s with value %p weighs %p', (type, value, weight) => {
    expect(eventWeight({ type, value })).toBeCloseTo(weight, 10);
  });
});

describe('applyEvents', () => {
  // Hand computation, half-life 30 days, reference time R = T0 + 30 d (the latest event):
  //   sports   = 1 (view at T0) · 2^(−30/30) + 2 (2 min dwell at R) · 2^0 = 0.5 + 2 = 2.5
  //   football = 1 · 2^(−1) = 0.5
  //   tech     = 2 (click at T0 + 15 d, arriving last) · 2^(−15/30) = 2 / √2 = 1.41421356…
  const events = [
    event({ tags: ['Sports', 'Football'] }),
    event({
      type: 'dwell',
      value: 120_000,
      time: T0 + 30 * DAY,
      tags: ['sports'],
      device: 'mobile',
    }),
    event({ type: 'click', time: T0 + 15 * DAY, sessionId: 's2', tags: ['Tech'] }),
  ];

  it('matches the hand-computed counts and decayed affinities', () => {
    const profile = applyEvents(emptyProfile(), events, options);
    expect(profile).toMatchObject({
      visits: 1,
      events: 3,
      sessions: 2,
      firstSeen: T0,
      lastSeen: T0 + 30 * DAY,
      device: 'mobile',
      devices: { desktop: 2, mobile: 1 },
      affinityTime: T0 + 30 * DAY,
    });
    expect(profile.affinities.sports).toBeCloseTo(2.5, 10);
    expect(profile.affinities.football).toBeCloseTo(0.5, 10);
    expect(profile.affinities.tech).toBeCloseTo(Math.SQRT2, 10);
  });

  it('gives the same affinities whatever order the events arrive in, one at a time or together', () => {
    const together = applyEvents(emptyProfile(), events, options);
    const oneByOne = [...events]
      .reverse()
      .reduce((profile, next) => applyEvents(profile, [next], options), emptyProfile());
    for (const label of ['sports', 'football', 'tech']) {
      expect(oneByOne.affinities[label]).toBeCloseTo(together.affinities[label], 10);
    }
  });

  it('adds conversion values as monetary and counts conversions', () => {
    const profile = applyEvents(
      emptyProfile(),
      [
        event({ type: 'conversion', value: 49.99 }),
        event({ type: 'conversion', value: 50.01, sessionId: 's2' }),
      ],
      options
    );
    expect(profile.monetary).toBeCloseTo(100, 10);
    expect(profile.conversions).toBe(2);
    expect(profile.visits).toBe(0);
  });

  it('does not change the profile it was given', () => {
    const before = applyEvents(emptyProfile(), [event({ tags: ['a'] })], options);
    const snapshot = JSON.stringify(before);
    applyEvents(before, [event({ tags: ['a', 'b'], time: T0 + DAY })], options);
    expect(JSON.stringify(before)).toBe(snapshot);
  });

  it('keeps only the strongest 50 tags', () => {
    const many = Array.from({ length: 60 }, (_, index) =>
      event({ tags: [`tag${String(index).padStart(2, '0')}`], time: T0 + index * 1000 })
    );
    const profile = applyEvents(emptyProfile(), many, options);
    expect(Object.keys(profile.affinities)).toHaveLength(50);
    // The oldest tags decayed the most and are the ones dropped.
    expect(profile.affinities.tag00).toBeUndefined();
    expect(profile.affinities.tag59).toBeDefined();
  });

  it('counts labels named like Object.prototype members as ordinary labels, through a JSON round trip', () => {
    const tags = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
    const first = applyEvents(emptyProfile(), [event({ tags })], options);
    const stored = JSON.parse(JSON.stringify(first)) as typeof first;
    const profile = applyEvents(stored, [event({ tags, sessionId: 's2' })], options);
    expect(Object.entries(profile.affinities).sort()).toEqual([
      ['__proto__', 2],
      ['constructor', 2],
      ['hasownproperty', 2],
      ['tostring', 2],
    ]);
    const view = profileView(profile, T0, options);
    expect(Object.entries(view.affinities).sort()).toEqual(
      Object.entries(profile.affinities).sort()
    );
    expect(view.topTags).toHaveLength(4);
    // A label the profile does not have reads as absent, not as an inherited member.
    expect(profileView(emptyProfile(), T0, options).affinities.constructor).toBeUndefined();
  });
});

describe('profileView', () => {
  it('decays to the start of the current hour, rounds, and ranks tags', () => {
    const profile = applyEvents(
      emptyProfile(),
      [
        event({ tags: ['sports'], time: T0 }),
        event({ type: 'dwell', value: 120_000, time: T0 + 30 * DAY, tags: ['sports'] }),
        event({ type: 'click', time: T0 + 30 * DAY, tags: ['tech'] }),
      ],
      options
    );
    // One day and 30 minutes later: the view decays to T0 + 31 d, a factor of 2^(−1/30).
    const view = profileView(profile, T0 + 31 * DAY + 30 * 60_000, options);
    const factor = Math.pow(2, -1 / 30);
    expect(view.affinities.sports).toBe(Math.round(2.5 * factor * 100) / 100);
    expect(view.affinities.sports).toBe(2.44);
    expect(view.affinities.tech).toBe(1.95);
    expect(view.topTags).toEqual(['sports', 'tech']);
    expect(view.recencyDays).toBe(1);
    expect(view.frequency).toBe(1);
    expect(view.lastSeen).toBe('2026-01-31T00:00:00.000Z');
  });

  it('is the same for every request within an hour', () => {
    const profile = applyEvents(emptyProfile(), [event({ tags: ['sports'] })], options);
    const early = profileView(profile, T0 + 5 * DAY + 60_000, options);
    const late = profileView(profile, T0 + 5 * DAY + 59 * 60_000, options);
    expect(late).toEqual(early);
  });
});
