import type { FlagEvaluation } from '../flags/flag-client';
import type { ParameterValue } from '../templates/types';

/** `shadow`: evaluated beside the live decision for a sample of requests, never served. */
export const RULE_STATUSES = ['active', 'disabled', 'shadow'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

export interface EntryFilter {
  documentIds?: string[];
  /** The entry must carry at least one of these tag labels. */
  tags?: string[];
}

export interface RuleDefinition {
  name: string;
  contentType: string;
  entryFilter: EntryFilter | null;
  template: string;
  /** A pinned template version, or null to follow the latest version whose tests pass. */
  templateVersion: number | null;
  params: Record<string, ParameterValue>;
  /** Higher runs first; ties go by name. */
  priority: number;
  status: RuleStatus;
  flagName: string;
  /** Shadow settings: the candidate of a `shadow` rule, or a live rule's candidate template version. */
  shadow?: ShadowSettings | null;
}

export interface ShadowSettings {
  /** The template version the candidate renders; absent keeps the rule's own (`shadow` rules only). */
  templateVersion?: number | null;
  /** Share of the rule's requests evaluated in shadow; absent takes the plugin's `shadow.sampleRate`. */
  sampleRate?: number;
}

/** Why an entry was answered with the variant it was (DESIGN §3). */
export type DecisionReason =
  | 'experiment'
  | 'rule'
  | 'no-rule'
  | 'no-context'
  | 'no-consent'
  | 'flag-off'
  | 'unknown-variant'
  | 'rule-error'
  | 'disabled';

export type StepOutcome =
  | 'disabled'
  | 'filtered-out'
  | 'flag-off'
  | 'chose-variant'
  | 'chose-base'
  | 'unknown-variant'
  | 'error'
  | 'experiment-arm';

export interface TraceStep {
  rule: string;
  priority: number;
  templateVersion: number | null;
  outcome: StepOutcome;
  flag: FlagEvaluation | null;
  output: string | null;
  variant: string | null;
  error: string | null;
  durationMs: number;
}

export interface Decision {
  variant: string | null;
  reason: DecisionReason;
  rule: { name: string; version: number | null } | null;
  flag: { name: string; enabled: boolean; variant: string | null } | null;
  /** The experiment whose arm decided, when one did (DESIGN §3). */
  experiment?: ExperimentRef | null;
  trace: TraceStep[];
}

export interface ExperimentRef {
  name: string;
  arm: string;
  phase: number;
}

export interface EntryFacts {
  documentId: string;
  tags: string[];
  /** Variant keys that exist for this entry. */
  variants: string[];
}

/** What rendering a rule's template produced, with the template version it used. */
export type RuleRender =
  | { ok: true; version: number; variant: string | null; output: string; durationMs: number }
  | {
      ok: false;
      version: number | null;
      error: string;
      /** The render ran into a resource bound (counted by the circuit breaker). */
      limit?: boolean;
      durationMs: number;
    };
