import type { LocalConstraint, LocalVariant, Stickiness } from '../core/flags';
import type {
  ExperimentArm,
  ExperimentPlan,
  ExperimentStatus,
  ExperimentTargeting,
  MetricDefinition,
} from '../core/experiments';
import type { BanditConfig, BanditState } from '../core/experiments/bandit';
import type { EntryFilter, RuleStatus, ShadowSettings } from '../core/rules';
import type { TestRun } from '../core/templates';
import type { ParameterValue, TemplateParameter, TemplateTestCase } from '../core/templates';

/** Rows as the plugin's content types store them (JSON columns may come back null). */
export interface TemplateRow {
  id: number;
  documentId: string;
  name: string;
  description: string | null;
  body: string;
  parameters: TemplateParameter[] | null;
  testCases: TemplateTestCase[] | null;
  documentation: string | null;
  latestVersion: number;
  createdAt: string;
  updatedAt: string;
}

export interface TemplateVersionRow {
  id: number;
  templateName: string;
  version: number;
  description: string | null;
  body: string;
  parameters: TemplateParameter[] | null;
  testCases: TemplateTestCase[] | null;
  documentation: string | null;
  testResults: TestRun | null;
  testsPassed: boolean;
  note: string | null;
  createdAt: string;
}

export interface RuleRow {
  id: number;
  documentId: string;
  name: string;
  description: string | null;
  contentType: string;
  entryFilter: EntryFilter | null;
  template: string;
  templateVersion: number | null;
  params: Record<string, ParameterValue> | null;
  priority: number | null;
  status: RuleStatus;
  flagName: string;
  shadow: ShadowSettings | null;
  createdAt: string;
  updatedAt: string;
}

export interface FlagRow {
  id: number;
  documentId: string;
  name: string;
  description: string | null;
  enabled: boolean;
  rollout: number;
  stickiness: Stickiness;
  constraints: LocalConstraint[] | null;
  variants: LocalVariant[] | null;
  createdAt: string;
  updatedAt: string;
}

export interface ExperimentRow {
  id: number;
  documentId: string;
  name: string;
  hypothesis: string;
  contentType: string;
  entryFilter: EntryFilter | null;
  arms: ExperimentArm[];
  targeting: ExperimentTargeting | null;
  primaryMetric: MetricDefinition;
  guardrailMetrics: MetricDefinition[] | null;
  alpha: number;
  power: number;
  mde: number;
  attributionWindowHours: number;
  baseline: { rate: number } | { mean: number; sd: number } | null;
  status: ExperimentStatus;
  phase: number;
  /** The current phase's frozen plan; null while a draft. */
  plan: ExperimentPlan | null;
  /** Plans of earlier phases, oldest first. */
  phases: Array<ExperimentPlan & { phase: number; endedAt: string }> | null;
  decision: { action: 'ship' | 'keep-base'; arm: string | null; decidedAt: string } | null;
  startedAt: string | null;
  stoppedAt: string | null;
  /** `ab` (fixed weights, null on rows from before bandits) or `bandit` (Thompson sampling). */
  mode: 'ab' | 'bandit' | null;
  bandit: BanditConfig | null;
  /** The bandits' current weights and posteriors; null until the first reweight. */
  banditState: BanditState | null;
  createdAt: string;
  updatedAt: string;
}
