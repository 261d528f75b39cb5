/** The purposes a caller can consent to. */
export interface Consent {
  /** Variants chosen for the caller; without it they get base content with reason `no-consent`. */
  personalization: boolean;
  /** Events kept about the caller; without it events are dropped and nothing is stored. */
  analytics: boolean;
}

export const CONSENT_PURPOSES = ['personalization', 'analytics'] as const;
