export const PARAMETER_TYPES = ['string', 'number', 'boolean', 'list'] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];
export type ParameterValue = string | number | boolean | string[];

export interface TemplateParameter {
  name: string;
  type: ParameterType;
  default?: ParameterValue;
  description?: string;
}

/** The caller a test case (or a preview) renders for; the same shape as the preview API's `caller`. */
export interface CallerInput {
  user?: { id: string | number; attributes?: Record<string, unknown> };
  visitorId?: string;
  traits?: Record<string, string | number | boolean>;
  segments?: string[];
  /** The caller's stored profile (templates read it as `user.profile`); see core/audience. */
  profile?: Record<string, unknown>;
  locale?: string;
  userAgent?: string;
  /** ISO time the request is made at; now when absent. */
  time?: string;
}

export interface TemplateTestCase {
  name: string;
  caller?: CallerInput;
  params?: Record<string, ParameterValue>;
  entry?: { fields?: Record<string, unknown>; tags?: string[] };
  variants?: string[];
  flag?: { enabled?: boolean; variant?: string | null; payload?: unknown };
  /** The variant key the template must choose, or null for base content. */
  expected: string | null;
}

/** One version of a template as the library stores it. */
export interface TemplateSource {
  name: string;
  version: number;
  body: string;
  parameters: TemplateParameter[];
  /** The body's content hash when the library computed it already (see source-hash.ts). */
  hash?: string;
}

/** A problem found in a template, with its position when the parser knows it. */
export interface TemplateProblem {
  message: string;
  line: number | null;
  column: number | null;
  /** The template the problem is in (a partial may be another one). */
  template: string;
}

export interface SandboxLimits {
  /** Characters parsed per template (liquidjs parseLimit). */
  parseLimit: number;
  /** Milliseconds a render may take (liquidjs renderLimit). */
  renderLimitMs: number;
  /** Allocations a render may make (liquidjs memoryLimit). */
  memoryLimit: number;
  /** Characters of rendered output kept; more is an error. */
  outputLimit: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  parseLimit: 64 * 1024,
  renderLimitMs: 50,
  memoryLimit: 100_000,
  outputLimit: 4 * 1024,
};
