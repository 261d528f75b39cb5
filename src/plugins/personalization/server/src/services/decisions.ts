import type { Core } from '@strapi/strapi';
import { buildCallerView, type CallerView } from '../core/context/template-context';
import { decisionKey } from '../core/delivery';
import type { FlagEvaluation } from '../core/flags';
import { decide, renderRule, type Decision, type EntryFacts } from '../core/rules';
import { callerPathsRead, type CallerInput } from '../core/templates';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';
import type { CachedDecision } from './cache';

export interface DecisionRequest {
  contentType: string;
  entry: EntryFacts & { fields: Record<string, unknown> };
  caller: CallerInput;
  /** The caller's template view, built once per request and shared by its entries. */
  callerView?: CallerView;
  /** Flag states already evaluated for this caller (one evaluation per flag per request). */
  flagStates?: Map<string, FlagEvaluation>;
}

/** Wires the pure rule engine to the stored rules, templates and flags, and to the decision cache. */
const createDecisionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const { userAttributes } = getPluginConfig(strapi).rules;
  const callerPathsByRevision = new Map<string, string[]>();

  const revision = () =>
    `${getService(strapi, 'templates').revision()}:${getService(strapi, 'rules').revision()}`;

  /** The caller paths the rules of a type read, recomputed only when rules or templates change. */
  const callerPaths = (contentType: string): string[] => {
    const key = `${contentType}@${revision()}`;
    const known = callerPathsByRevision.get(key);
    if (known) return known;
    const templates = getService(strapi, 'templates');
    const paths = new Set<string>();
    for (const rule of getService(strapi, 'rules').forContentType(contentType)) {
      const source = templates.sourceFor(rule.template, rule.templateVersion);
      if (!source) continue;
      try {
        callerPathsRead(templates.sandbox, templates.sandbox.compiled(source)).forEach((path) =>
          paths.add(path)
        );
      } catch {
        // A template that cannot be analysed reads "everything": key on the whole caller.
        ['user', 'visitor', 'segments', 'request'].forEach((path) => paths.add(path));
      }
    }
    const result = [...paths].sort();
    if (callerPathsByRevision.size > 100) callerPathsByRevision.clear();
    callerPathsByRevision.set(key, result);
    return result;
  };

  const service = {
    callerView: (caller: CallerInput, now = new Date()): CallerView =>
      buildCallerView(caller, { userAttributes, now }),

    /** One entry's decision with its full trace (previews); never cached. */
    decide(request: DecisionRequest): Decision {
      const templates = getService(strapi, 'templates');
      const flags = getService(strapi, 'flags');
      const callerView = request.callerView ?? service.callerView(request.caller);

      const decision = decide({
        rules: getService(strapi, 'rules').forContentType(request.contentType),
        entry: request.entry,
        evaluateFlag: (rule) =>
          request.flagStates?.get(rule.flagName) ?? flags.evaluate(rule.flagName, request.caller),
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

    /**
     * The decisions for the entries of one request, through the cache. Flags are evaluated once
     * per request for this caller; only template renders are cached, keyed by what they read.
     */
    async decideMany(
      contentType: string,
      entries: Array<DecisionRequest['entry'] & { version: string | null }>,
      caller: CallerInput,
      callerView: CallerView
    ): Promise<CachedDecision[]> {
      const flags = getService(strapi, 'flags');
      const cache = getService(strapi, 'cache');
      const flagStates = new Map<string, FlagEvaluation>();
      for (const rule of getService(strapi, 'rules').forContentType(contentType)) {
        if (rule.status === 'active' && !flagStates.has(rule.flagName)) {
          flagStates.set(rule.flagName, flags.evaluate(rule.flagName, caller));
        }
      }
      const paths = callerPaths(contentType);
      const currentRevision = revision();
      const keys = entries.map((entry) =>
        entry.version === null
          ? null
          : decisionKey({
              contentType,
              revision: currentRevision,
              documentId: entry.documentId,
              entryVersion: entry.version,
              variants: entry.variants,
              tags: entry.tags,
              flags: [...flagStates.values()],
              callerPaths: paths,
              callerView,
            })
      );
      const cacheable = keys.flatMap((key) => (key ? [key] : []));
      const found = new Map<string, CachedDecision>();
      (await cache.getMany(cacheable)).forEach((decision, index) => {
        if (decision) found.set(cacheable[index], decision);
      });

      const fresh: Array<[string, CachedDecision]> = [];
      const decisions = entries.map((entry, index) => {
        const key = keys[index];
        const hit = key ? found.get(key) : undefined;
        if (hit) return hit;
        const { variant, reason, rule, flag } = service.decide({
          contentType,
          entry,
          caller,
          callerView,
          flagStates,
        });
        const decision: CachedDecision = { variant, reason, rule, flag };
        if (key) fresh.push([key, decision]);
        return decision;
      });
      cache.setMany(fresh);
      return decisions;
    },
  };
  return service;
};

export type DecisionsService = ReturnType<typeof createDecisionsService>;
export default createDecisionsService;
