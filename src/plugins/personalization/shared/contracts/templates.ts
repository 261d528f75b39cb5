/** Templates, rules, flags and previews as the management routes answer them (admin and content API). */

export type ParameterType = 'string' | 'number' | 'boolean' | 'list';
export type ParameterValue = string | number | boolean | string[];

export interface TemplateParameter {
  name: string;
  type: ParameterType;
  default?: ParameterValue;
  description?: string;
}

export interface CallerInput {
  user?: { id: string | number; attributes?: Record<string, unknown> };
  visitorId?: string;
  traits?: Record<string, string | number | boolean>;
  segments?: string[];
  locale?: string;
  userAgent?: string;
  time?: string;
}

export interface TemplateTestCase {
  name: string;
  caller?: CallerInput;
  params?: Record<string, ParameterValue>;
  entry?: { fields?: Record<string, unknown>; tags?: string[] };
  variants?: string[];
  flag?: { enabled?: boolean; variant?: string | null; payload?: unknown };
  expected: string | null;
}

export interface TemplateProblem {
  message: string;
  line: number | null;
  column: number | null;
  template: string;
}

export interface TestCaseResult {
  name: string;
  passed: boolean;
  expected: string | null;
  actual: string | null;
  error: string | null;
  durationMs: number;
}

export interface TestRun {
  passed: boolean;
  total: number;
  failed: number;
  results: TestCaseResult[];
}

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

export interface TemplateInput {
  name?: string;
  description?: string;
  body: string;
  parameters: TemplateParameter[];
  testCases: TemplateTestCase[];
  note?: string;
}

export type RuleStatus = 'active' | 'disabled' | 'shadow';

export interface RuleRecord {
  name: string;
  description: string | null;
  contentType: string;
  entryFilter: { documentIds?: string[]; tags?: string[] } | null;
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

// A type alias, not an interface, so it fits the controller's Record<string, unknown> meta.
export type FlagsMeta = {
  mode: 'local' | 'remote';
  /** The Unleash API URL flags come from, in remote mode. */
  unleashUrl?: string;
};

export interface TraceStep {
  rule: string;
  priority: number;
  templateVersion: number | null;
  outcome: string;
  flag: { name: string; enabled: boolean; variant: string | null } | null;
  output: string | null;
  variant: string | null;
  error: string | null;
  durationMs: number;
}

export interface PreviewResult {
  variant: string | null;
  reason: string;
  rule: { name: string; version: number | null } | null;
  flag: { name: string; enabled: boolean; variant: string | null } | null;
  trace: TraceStep[];
  content: Record<string, unknown>;
  availableVariants: string[];
  durationMs: number;
}

export interface PreviewRequest {
  contentType: string;
  documentId: string;
  status?: 'published' | 'draft';
  caller: CallerInput;
}
