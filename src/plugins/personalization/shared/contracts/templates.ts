/**
 * Templates, rules, flags and previews as the management routes answer them (admin and content API).
 * Request bodies are the server's zod schemas (`z.input`); answers reuse the core types. Type-only
 * imports: the admin bundle takes no server code.
 */

import type { z } from 'zod';
import type { TestCaseResult, TestRun } from '../../server/src/core/templates/run-tests';
import type { TemplateProblem as CoreTemplateProblem } from '../../server/src/core/templates/types';
import type {
  DecisionReason,
  EntryFilter,
  RuleStatus as CoreRuleStatus,
  TraceStep as CoreTraceStep,
} from '../../server/src/core/rules/types';
import type { callerSchema, parameterValueSchema } from '../../server/src/validation/common';
import type { previewSchema } from '../../server/src/validation/preview-input';
import type { createRuleSchema, updateRuleSchema } from '../../server/src/validation/rule-input';
import type { createFlagSchema, updateFlagSchema } from '../../server/src/validation/flag-input';
import type {
  createTemplateSchema,
  parameterSchema,
  rollbackSchema,
  testCaseSchema,
  updateTemplateSchema,
} from '../../server/src/validation/template-input';

export type ParameterValue = z.input<typeof parameterValueSchema>;
export type TemplateParameter = z.input<typeof parameterSchema>;
export type ParameterType = TemplateParameter['type'];
export type CallerInput = z.input<typeof callerSchema>;
export type TemplateTestCase = z.input<typeof testCaseSchema>;

/** Bodies of `POST /templates` (and `/templates/validate`), `PUT /templates/:name`, rollback. */
export type CreateTemplateBody = z.input<typeof createTemplateSchema>;
export type UpdateTemplateBody = z.input<typeof updateTemplateSchema>;
export type RollbackTemplateBody = z.input<typeof rollbackSchema>;

export type TemplateProblem = CoreTemplateProblem;
export type { TestCaseResult, TestRun };

export interface TemplateRecord {
  name: string;
  description: string | null;
  body: string;
  parameters: TemplateParameter[] | null;
  testCases: TemplateTestCase[] | null;
  documentation: string | null;
  latestVersion: number;
  updatedAt: string;
}

export interface TemplateVersionSummary {
  version: number;
  note: string | null;
  testsPassed: boolean;
  createdAt: string;
}

export interface TemplateVersionRecord
  extends Omit<TemplateRecord, 'name' | 'latestVersion' | 'updatedAt'> {
  createdAt: string;
  templateName: string;
  version: number;
  testResults: TestRun | null;
  testsPassed: boolean;
  note: string | null;
}

export interface ValidationReport {
  valid: boolean;
  problems: TemplateProblem[];
  tests: TestRun | null;
}

export type RuleStatus = CoreRuleStatus;

/** Bodies of `POST /rules` and `PUT /rules/:name`. */
export type CreateRuleBody = z.input<typeof createRuleSchema>;
export type UpdateRuleBody = z.input<typeof updateRuleSchema>;

export interface RuleRecord {
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
  /** See docs/templates.md, "Shadow rules". */
  shadow?: { templateVersion?: number | null; sampleRate?: number } | null;
}

/** GET /rules/:name/shadow-report (docs/api.md). */
export interface ShadowReport {
  rule: string;
  status: RuleStatus;
  shadowing: boolean;
  candidate: { templateVersion: number | null } | null;
  sampleRate: number;
  startedAt: string | null;
  updatedAt: string | null;
  evaluated: number;
  diverged: number;
  divergence: number | null;
  decisions: number;
  divergedDecisions: number;
  errors: number;
  dropped: number;
  recentErrors: string[];
  segments: Array<{
    segment: string;
    evaluated: number;
    diverged: number;
    divergence: number | null;
  }>;
  examples: Array<{
    callerKey: string;
    traits: Record<string, string | number | boolean>;
    segments: string[];
    differences: Array<{ documentId: string; live: string | null; candidate: string | null }>;
  }>;
  timing: {
    count: number;
    meanMs: number | null;
    maxMs: number;
    histogram: Array<{ upToMs: number | null; count: number }>;
  };
}

export interface FlagVariant {
  name: string;
  weight: number;
  payload?: { type: 'string' | 'json' | 'number'; value: string };
  stickiness?: string;
}

/** A local flag (editable) or a flag of a real Unleash server (read-only). */
export interface FlagRecord {
  name: string;
  description: string | null;
  enabled: boolean;
  source: 'local' | 'unleash';
  rollout?: number;
  stickiness?: string;
  variants?: FlagVariant[] | null;
}

/** Bodies of `POST /flags` and `PUT /flags/:name`. */
export type CreateFlagBody = z.input<typeof createFlagSchema>;
export type UpdateFlagBody = z.input<typeof updateFlagSchema>;

// A type alias, not an interface, so it fits the controller's Record<string, unknown> meta.
export type FlagsMeta = {
  mode: 'local' | 'remote';
  /** The Unleash API URL flags come from, in remote mode. */
  unleashUrl?: string;
};

/** One rule's step in a decision's trace; `outcome` is a literal union. */
export type TraceStep = CoreTraceStep;

export interface PreviewResult {
  variant: string | null;
  reason: DecisionReason;
  rule: { name: string; version: number | null } | null;
  flag: { name: string; enabled: boolean; variant: string | null } | null;
  trace: TraceStep[];
  content: Record<string, unknown>;
  availableVariants: string[];
  durationMs: number;
}

/** Body of `POST /preview`. */
export type PreviewBody = z.input<typeof previewSchema>;
