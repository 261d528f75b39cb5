import type { Decision, DecisionReason, ExperimentRef } from '../rules/types';

/** The `personalization` object each entry of an opted-in type carries (DESIGN §3). */
export interface PersonalizationInfo {
  variant: string | null;
  reason: DecisionReason;
  rule: { name: string; version: number | null } | null;
  flag: { name: string; enabled: boolean; variant: string | null } | null;
  /** The experiment and arm that decided, or null (then a rule or a gate did). */
  experiment: ExperimentRef | null;
  tags: Array<{
    label: string;
    type: string;
    confidence: number;
    source: string;
    status: 'suggested' | 'accepted' | 'rejected';
  }>;
}

export const infoFromDecision = (
  decision: Decision,
  tags: PersonalizationInfo['tags'] = []
): PersonalizationInfo => ({
  variant: decision.variant,
  reason: decision.reason,
  rule: decision.rule,
  flag: decision.flag,
  experiment: decision.experiment ?? null,
  tags,
});

/** Base content for a reason that needs no rule (no caller context or consent, delivery off). */
export const baseInfo = (
  reason: 'no-context' | 'no-consent' | 'disabled',
  tags: PersonalizationInfo['tags'] = []
): PersonalizationInfo => ({
  variant: null,
  reason,
  rule: null,
  flag: null,
  experiment: null,
  tags,
});
