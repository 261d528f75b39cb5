import { buildTemplateContext, type CallerView, type EntryView } from '../context/template-context';
import type { FlagEvaluation } from '../flags/flag-client';
import { resolveParameters, type ResolvedParameters } from '../templates/parameters';
import type { Sandbox } from '../templates/sandbox';
import type { TemplateSource } from '../templates/types';
import type { RuleDefinition, RuleRender } from './types';

export interface RuleRenderer {
  sandbox: Sandbox;
  /** The version a rule renders: pinned, or the latest passing one. */
  sourceFor(name: string, pinned: number | null): TemplateSource | undefined;
}

/** A rule's params never change for a given template version: resolve them once, not per render. */
const resolvedParameters = new WeakMap<RuleDefinition, Map<number, ResolvedParameters>>();

const parametersFor = (rule: RuleDefinition, source: TemplateSource): ResolvedParameters => {
  let byVersion = resolvedParameters.get(rule);
  if (!byVersion) {
    byVersion = new Map();
    resolvedParameters.set(rule, byVersion);
  }
  let resolved = byVersion.get(source.version);
  if (!resolved) {
    resolved = resolveParameters(source.parameters, rule.params);
    byVersion.set(source.version, resolved);
  }
  return resolved;
};

/** Renders one rule's template for one entry and caller; never throws. */
export const renderRule = (
  renderer: RuleRenderer,
  rule: RuleDefinition,
  flag: FlagEvaluation,
  caller: CallerView,
  entry: EntryView & { variants: string[] }
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
  const outcome = renderer.sandbox.render(
    renderer.sandbox.compiled(source),
    context.scope,
    context.globals
  );
  return outcome.ok
    ? {
        ok: true,
        version: source.version,
        variant: outcome.variant,
        output: outcome.output,
        durationMs: outcome.durationMs,
      }
    : { ok: false, version: source.version, error: outcome.error, durationMs: outcome.durationMs };
};
