import { buildTemplateContext, type CallerView, type EntryView } from '../context/template-context';
import type { FlagEvaluation } from '../flags/flag-client';
import { resolveParameters, type ResolvedParameters } from '../templates/parameters';
import type { RenderBudget } from '../templates/render-budget';
import type { Sandbox } from '../templates/sandbox';
import type { TemplateSource } from '../templates/types';
import type { RuleDefinition, RuleRender } from './types';

export interface RuleRenderer {
  sandbox: Sandbox;
  /** The version a rule renders: pinned, or the latest passing one. */
  sourceFor(name: string, pinned: number | null): TemplateSource | undefined;
}

/**
 * A rule's params never change for a given source object (the library makes new ones when a
 * template changes): resolve them once, not per render.
 */
const resolvedParameters = new WeakMap<
  RuleDefinition,
  WeakMap<TemplateSource, ResolvedParameters>
>();

const parametersFor = (rule: RuleDefinition, source: TemplateSource): ResolvedParameters => {
  let bySource = resolvedParameters.get(rule);
  if (!bySource) {
    bySource = new WeakMap();
    resolvedParameters.set(rule, bySource);
  }
  let resolved = bySource.get(source);
  if (!resolved) {
    resolved = resolveParameters(source.parameters, rule.params);
    bySource.set(source, resolved);
  }
  return resolved;
};

/** Renders one rule's template for one entry and caller; never throws. */
export const renderRule = (
  renderer: RuleRenderer,
  rule: RuleDefinition,
  flag: FlagEvaluation,
  caller: CallerView,
  entry: EntryView & { variants: string[] },
  budget?: RenderBudget
): RuleRender => {
  const source = renderer.sourceFor(rule.template, rule.templateVersion);
  if (!source) {
    return {
      ok: false,
      version: rule.templateVersion,
      error: `template "${rule.template}" has no renderable version`,
      durationMs: 0,
    };
  }
  const params = parametersFor(rule, source);
  if (params.problems.length > 0) {
    return { ok: false, version: source.version, error: params.problems.join('; '), durationMs: 0 };
  }
  const context = buildTemplateContext({
    caller,
    entry,
    params: params.values,
    variants: entry.variants,
    flag: { enabled: flag.enabled, variant: flag.variant, payload: flag.payload },
  });
  let templates;
  try {
    templates = renderer.sandbox.compiled(source);
  } catch (error) {
    return { ok: false, version: source.version, error: (error as Error).message, durationMs: 0 };
  }
  const outcome = renderer.sandbox.render(templates, context.scope, context.globals, budget);
  return outcome.ok
    ? {
        ok: true,
        version: source.version,
        variant: outcome.variant,
        output: outcome.output,
        durationMs: outcome.durationMs,
      }
    : {
        ok: false,
        version: source.version,
        error: outcome.error,
        limit: outcome.limit,
        durationMs: outcome.durationMs,
      };
};
