/**
 * One row per shadowed rule: its tally (core/shadow/tally.ts) as JSON, for the candidate named by
 * `candidate` (a hash of the rule as it would be promoted: a changed candidate starts a new report).
 * Created by migrations/005-shadow.ts.
 */
export const SHADOW_TABLES = {
  reports: 'personalization_shadow_reports',
} as const;
