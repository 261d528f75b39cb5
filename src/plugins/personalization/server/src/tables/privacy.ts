/**
 * Consent history (one row per purpose whose value changed), the access audit log (append-only,
 * pruned only by its own retention) and the differentially private report releases (the privacy
 * budget's ledger). Created by migrations/004-privacy.ts.
 */
export const PRIVACY_TABLES = {
  consentHistory: 'personalization_consent_history',
  audit: 'personalization_audit',
  releases: 'personalization_report_releases',
} as const;
