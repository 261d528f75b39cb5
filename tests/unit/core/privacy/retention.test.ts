import { retentionCutoffs } from '../../../../src/plugins/personalization/server/src/core/privacy/retention';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);

describe('retentionCutoffs', () => {
  const policy = {
    eventDays: 180,
    eventTypes: { conversion: 365, view: 30 },
    personalizationDays: null,
    experimentsDays: 90,
    consentRecordsDays: null,
    auditDays: 730,
  };

  it.each([
    [
      'events of types without a period',
      (c: ReturnType<typeof retentionCutoffs>) => c.events.otherTypes,
      NOW - 180 * DAY,
    ],
    [
      'conversions',
      (c: ReturnType<typeof retentionCutoffs>) => c.events.byType.conversion,
      NOW - 365 * DAY,
    ],
    ['views', (c: ReturnType<typeof retentionCutoffs>) => c.events.byType.view, NOW - 30 * DAY],
    ['experiments', (c: ReturnType<typeof retentionCutoffs>) => c.experiments, NOW - 90 * DAY],
    ['audit rows', (c: ReturnType<typeof retentionCutoffs>) => c.audit, NOW - 730 * DAY],
    [
      'profiles (kept until erased)',
      (c: ReturnType<typeof retentionCutoffs>) => c.personalization,
      null,
    ],
    [
      'consent history (kept until erased)',
      (c: ReturnType<typeof retentionCutoffs>) => c.consentRecords,
      null,
    ],
  ])('%s', (_name, pick, expected) => {
    expect(pick(retentionCutoffs(NOW, policy))).toBe(expected);
  });

  it('gives only the listed types a period of their own', () => {
    expect(Object.keys(retentionCutoffs(NOW, policy).events.byType).sort()).toEqual([
      'conversion',
      'view',
    ]);
  });
});
