import config from '../../../src/plugins/personalization/server/src/config';

const withPrivacy = (patch: (privacy: typeof config.default.privacy) => object) => ({
  ...config.default,
  privacy: patch(structuredClone(config.default.privacy)),
});

describe('privacy config', () => {
  it('accepts periods per event type and purpose', () => {
    expect(() =>
      config.validator(
        withPrivacy((privacy) => ({
          ...privacy,
          retention: {
            eventTypes: { conversion: 365, view: 30 },
            purposes: { personalization: 90, experiments: null, consentRecords: 1095 },
          },
        }))
      )
    ).not.toThrow();
  });

  it.each([
    [
      'an unknown event type',
      (p: typeof config.default.privacy) => ({
        ...p,
        retention: { ...p.retention, eventTypes: { swipe: 3 } },
      }),
      /privacy\.retention\.eventTypes/,
    ],
    [
      'a zero epsilon',
      (p: typeof config.default.privacy) => ({
        ...p,
        reports: { ...p.reports, epsilon: { ...p.reports.epsilon, 'segment-sizes': 0 } },
      }),
      /privacy\.reports\.epsilon\.segment-sizes/,
    ],
    [
      'an epsilon for an unknown report',
      (p: typeof config.default.privacy) => ({
        ...p,
        reports: { ...p.reports, epsilon: { ...p.reports.epsilon, everyone: 1 } },
      }),
      /privacy\.reports\.epsilon/,
    ],
    [
      'a budget period of 0 days',
      (p: typeof config.default.privacy) => ({
        ...p,
        reports: { ...p.reports, budget: { epsilon: 3, periodDays: 0 } },
      }),
      /privacy\.reports\.budget\.periodDays/,
    ],
    [
      'a fractional audit retention',
      (p: typeof config.default.privacy) => ({ ...p, audit: { retentionDays: 1.5 } }),
      /privacy\.audit\.retentionDays/,
    ],
  ])('refuses %s, naming the key', (_name, patch, message) => {
    expect(() => config.validator(withPrivacy(patch))).toThrow(message);
  });
});
