const DAY_MS = 86_400_000;

/** How long each kind of row is kept, in days; null keeps it until the caller is erased. */
export interface RetentionPolicy {
  /** Events of types not listed in `eventTypes` (purpose: analytics). */
  eventDays: number;
  eventTypes: Partial<Record<string, number>>;
  /** Profiles and segment memberships not updated for this long (purpose: personalization). */
  personalizationDays: number | null;
  /** Experiment assignments and exposures (purpose: experiments). */
  experimentsDays: number | null;
  /** Consent history rows (purpose: proof of consent). */
  consentRecordsDays: number | null;
  /** Access audit rows (purpose: accountability). */
  auditDays: number;
}

/** Epoch milliseconds before which rows are deleted; null: nothing of that kind is deleted. */
export interface RetentionCutoffs {
  events: { otherTypes: number; byType: Record<string, number> };
  personalization: number | null;
  experiments: number | null;
  consentRecords: number | null;
  audit: number;
}

const before = (now: number, days: number): number => now - days * DAY_MS;
const beforeOrNull = (now: number, days: number | null): number | null =>
  days === null ? null : before(now, days);

/** The retention job's cutoffs at `now`: pure, so each purpose's period is table-tested. */
export const retentionCutoffs = (now: number, policy: RetentionPolicy): RetentionCutoffs => ({
  events: {
    otherTypes: before(now, policy.eventDays),
    byType: Object.fromEntries(
      Object.entries(policy.eventTypes)
        .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
        .map(([type, days]) => [type, before(now, days)])
    ),
  },
  personalization: beforeOrNull(now, policy.personalizationDays),
  experiments: beforeOrNull(now, policy.experimentsDays),
  consentRecords: beforeOrNull(now, policy.consentRecordsDays),
  audit: before(now, policy.auditDays),
});
