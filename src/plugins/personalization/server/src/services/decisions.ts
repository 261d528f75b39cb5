import type { Core } from '@strapi/strapi';
import { buildTemplateContext } from '../core/context/template-context';
import { decide, type Decision, type EntryFacts, type RuleRender } from '../core/rules';
import { resolveParameters, type CallerInput } from '../core/templates';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';

export interface DecisionRequest {
  contentType: string;
  entry: EntryFacts & { fields: Record<string, unknown> };
  caller: CallerInput;
  now?: Date;
}

/** Wires the pure rule engine to the stored rules, templates and flags. */
const createDecisionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const { userAttributes } = getPluginConfig(strapi).rules;

  return {
    decide(request: DecisionRequest): Decision {
      const templates = getService(strapi, 'templates');
      const flags = getService(strapi, 'flags');
      const now = request.now ?? new Date();

      const decision = decide({
        rules: getService(strapi, 'rules').forContentType(request.contentType),
        entry: request.entry,
        evaluateFlag: (rule) => flags.evaluate(rule.flagName, request.caller),
        render: (rule, flag): RuleRender => {
          const source = templates.sourceFor(rule.template, rule.templateVersion);
          if (!source) {
            return {
              ok: false,
              version: rule.templateVersion,
              error: `template "${rule.template}" has no renderable version`,
              durationMs: 0,
            };
          }
          const params = resolveParameters(source.parameters, rule.params);
          if (params.problems.length > 0) {
            return { ok: false, version: source.version, error: params.problems.join('; '), durationMs: 0 };
          }
          const context = buildTemplateContext({
            caller: request.caller,
            entry: { documentId: request.entry.documentId, fields: request.entry.fields, tags: request.entry.tags },
            params: params.values,
            variants: request.entry.variants,
            flag: { enabled: flag.enabled, variant: flag.variant, payload: flag.payload },
            userAttributes,
            now,
          });
          const outcome = templates.sandbox.render(
            templates.sandbox.compiled(source),
            context.scope,
            context.globals
          );
          return outcome.ok
            ? { ...outcome, version: source.version }
            : { ok: false, version: source.version, error: outcome.error, durationMs: outcome.durationMs };
        },
      });

      if (decision.reason === 'rule-error') {
        const failed = decision.trace[decision.trace.length - 1];
        // Readers still get base content; the author finds the cause in the log and in a preview.
        strapi.log.warn(`[personalization] rule "${failed.rule}" failed on ${request.contentType} ${request.entry.documentId}: ${failed.error}`);
      }
      strapi.log.debug(`[personalization] ${request.contentType} ${request.entry.documentId}: ${decision.reason} → ${decision.variant ?? 'base'}`);
      return decision;
    },
  };
};

export type DecisionsService = ReturnType<typeof createDecisionsService>;
export default createDecisionsService;
