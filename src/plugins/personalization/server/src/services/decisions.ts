import type { Core } from '@strapi/strapi';
import { buildCallerView, type CallerView } from '../core/context/template-context';
import { decide, renderRule, type Decision, type EntryFacts } from '../core/rules';
import type { CallerInput } from '../core/templates';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';

export interface DecisionRequest {
  contentType: string;
  entry: EntryFacts & { fields: Record<string, unknown> };
  caller: CallerInput;
  /** The caller's template view, built once per request and shared by its entries. */
  callerView?: CallerView;
}

/** Wires the pure rule engine to the stored rules, templates and flags. */
const createDecisionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const { userAttributes } = getPluginConfig(strapi).rules;

  const service = {
    callerView: (caller: CallerInput, now = new Date()): CallerView =>
      buildCallerView(caller, { userAttributes, now }),

    decide(request: DecisionRequest): Decision {
      const templates = getService(strapi, 'templates');
      const flags = getService(strapi, 'flags');
      const callerView = request.callerView ?? service.callerView(request.caller);

      const decision = decide({
        rules: getService(strapi, 'rules').forContentType(request.contentType),
        entry: request.entry,
        evaluateFlag: (rule) => flags.evaluate(rule.flagName, request.caller),
        render: (rule, flag) => renderRule(templates, rule, flag, callerView, request.entry),
      });

      if (decision.reason === 'rule-error') {
        const failed = decision.trace[decision.trace.length - 1];
        // Readers still get base content; the author finds the cause in the log and in a preview.
        strapi.log.warn(
          `[personalization] rule "${failed.rule}" failed on ${request.contentType} ${request.entry.documentId}: ${failed.error}`
        );
      }
      strapi.log.debug(
        `[personalization] ${request.contentType} ${request.entry.documentId}: ${decision.reason} → ${decision.variant ?? 'base'}`
      );
      return decision;
    },
  };
  return service;
};

export type DecisionsService = ReturnType<typeof createDecisionsService>;
export default createDecisionsService;
