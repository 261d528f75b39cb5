import { z } from 'zod';
import { EVENT_TYPES } from '../core/audience/events/types';
import { REPORT_NAMES, type ReportName } from '../core/privacy/report-names';

const days = () => z.number().int().min(1).max(36_500);
const perReport = <T extends z.ZodTypeAny>(value: T) =>
  z
    .object(Object.fromEntries(REPORT_NAMES.map((name) => [name, value])) as Record<ReportName, T>)
    .strict();

/** The `privacy` section: audit log, retention per purpose, differentially private reports. */
export const privacyConfigSchema = z
  .object({
    audit: z.object({ retentionDays: days() }).strict(),
    retention: z
      .object({
        /** Days an event of a type is kept; types not named keep `audience.retention.days`. */
        eventTypes: z.partialRecord(z.enum(EVENT_TYPES), days()),
        /** Per purpose; null keeps the rows until the caller is erased. */
        purposes: z
          .object({
            /** Profiles and segment memberships not updated for this long. */
            personalization: days().nullable(),
            /** Experiment assignments and exposures older than this. */
            experiments: days().nullable(),
            /** Consent history rows older than this (the current consent always stays). */
            consentRecords: days().nullable(),
          })
          .strict(),
      })
      .strict(),
    reports: z
      .object({
        /** Epsilon one release of each report spends. */
        epsilon: perReport(z.number().positive().max(10)),
        /** Most cells one caller may add 1 to in a report (contribution bound = L1 sensitivity). */
        maxContributions: perReport(z.number().int().min(1).max(1000)),
        /** Epsilon all releases together may spend per period, and the period in days. */
        budget: z.object({ epsilon: z.number().positive().max(100), periodDays: days() }).strict(),
        /** Noisy counts below this are suppressed (released as null). */
        minCount: z.number().int().min(0).max(1_000_000),
        /** Weeks covered by `events-per-entry-weekly`. */
        weeks: z.number().int().min(1).max(52),
        /** Seed of the noise generator (tests); null seeds it at random. */
        seed: z.number().int().min(0).max(4_294_967_295).nullable(),
      })
      .strict(),
  })
  .strict();

export type PrivacyConfig = z.infer<typeof privacyConfigSchema>;

export const defaultPrivacyConfig: PrivacyConfig = {
  audit: { retentionDays: 730 },
  retention: {
    eventTypes: {},
    purposes: { personalization: null, experiments: null, consentRecords: null },
  },
  reports: {
    epsilon: {
      'segment-sizes': 0.5,
      'tag-affinity-by-segment': 1,
      'events-per-entry-weekly': 1,
    },
    maxContributions: {
      'segment-sizes': 5,
      'tag-affinity-by-segment': 10,
      'events-per-entry-weekly': 20,
    },
    budget: { epsilon: 3, periodDays: 30 },
    minCount: 10,
    weeks: 8,
    seed: null,
  },
};
