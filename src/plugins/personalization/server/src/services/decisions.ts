import type { Core } from '@strapi/strapi';
import { buildCallerView, type CallerView } from '../core/context/template-context';
import { createDecisionKeyer, type DecisionCache } from '../core/delivery';
import type { FlagEvaluation } from '../core/flags';
import { createExperimentsDecider } from '../core/experiments';
import {
  createCircuitBreaker,
  createRulesDecider,
  type CircuitBreaker,
  type Decider,
  type RuleDefinition,
} from '../core/rules';
import { candidateFlag, candidateRules } from '../core/shadow';
import { callerPathsOfSources, type CallerInput, type RenderBudget } from '../core/templates';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';

export interface CallerDecisionContext {
  caller: CallerInput;
  view: CallerView;
  budget: RenderBudget;
  /** The caller's pseudonymous key and stored experiment arms; without a key, no experiments. */
  experiments?: { callerKey: string; assigned: ReadonlyMap<string, string> };
}

/** Each active rule's flag, evaluated once per request for this caller. */
const flagStatesFor = (strapi: Core.Strapi, contentType: string, caller: CallerInput) => {
  const flags = getService(strapi, 'flags');
  const states = new Map<string, FlagEvaluation>();
  for (const rule of getService(strapi, 'rules').forContentType(contentType)) {
    // Shadowed rules' flags too: a candidate may read its flag's variant, and these states key
    // the shadow's decisions as well as the live ones.
    if (rule.status !== 'disabled' && !states.has(rule.flagName)) {
      states.set(rule.flagName, flags.evaluate(rule.flagName, caller));
    }
  }
  return states;
};

/** The decision order over these rules; the rules decider gets this breaker. */
const buildDeciders = (
  strapi: Core.Strapi,
  contentType: string,
  context: CallerDecisionContext,
  rules: readonly RuleDefinition[],
  rulesBreaker: CircuitBreaker,
  flagOf: (rule: RuleDefinition, flag: FlagEvaluation) => FlagEvaluation
): { deciders: Decider[]; flagStates: Map<string, FlagEvaluation> } => {
  const flagStates = flagStatesFor(strapi, contentType, context.caller);
  const flags = getService(strapi, 'flags');
  const evaluate = (name: string) => flagStates.get(name) ?? flags.evaluate(name, context.caller);
  const experiments = createExperimentsDecider({
    experiments: getService(strapi, 'experiments').runningOn(contentType),
    callerKey: context.experiments?.callerKey ?? null,
    segments: context.caller.segments ?? [],
    assigned: context.experiments?.assigned ?? new Map(),
    flagEnabled: (name) => evaluate(name).enabled,
  });
  const rulesDecider = createRulesDecider({
    rules,
    renderer: getService(strapi, 'templates'),
    caller: context.view,
    budget: context.budget,
    breaker: rulesBreaker,
    evaluateFlag: (rule) => flagOf(rule, evaluate(rule.flagName)),
    onRendered: (rendered) => getService(strapi, 'metrics').ruleRendered(rendered),
  });
  return { deciders: [experiments, rulesDecider], flagStates };
};

/**
 * Wires the pure decision order (core/rules, core/delivery) to the stored rules, templates and
 * flags, to the decision cache and to the circuit breaker. Delivery and preview both take their
 * deciders from here, so they decide the same way.
 */
const createDecisionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const { userAttributes, breaker: breakerConfig } = getPluginConfig(strapi).rules;
  const breaker = createCircuitBreaker(breakerConfig);
  const callerPathsByRevision = new Map<string, string[]>();

  /** Moves with any rule or template content change (templates are hashed, not counted). */
  const revision = () =>
    `${getService(strapi, 'templates').revision()}:${getService(strapi, 'rules').revision()}`;

  /** The caller paths the rules of a type read, recomputed only when rules or templates change. */
  const callerPaths = (contentType: string, currentRevision: string): string[] => {
    const key = `${contentType}@${currentRevision}`;
    const known = callerPathsByRevision.get(key);
    if (known) return known;
    const templates = getService(strapi, 'templates');
    const paths = callerPathsOfSources(
      templates.sandbox,
      getService(strapi, 'rules')
        .forContentType(contentType)
        .map((rule) => templates.sourceFor(rule.template, rule.templateVersion))
    );
    if (callerPathsByRevision.size > 100) callerPathsByRevision.clear();
    callerPathsByRevision.set(key, paths);
    return paths;
  };

  return {
    callerView: (caller: CallerInput, now = new Date()): CallerView =>
      buildCallerView(caller, { userAttributes, now }),

    /**
     * The decision order for one caller on one content type (DESIGN §3): consent is the caller
     * gate before it; then running experiments (bandits will join them), then the rules.
     */
    decidersFor(
      contentType: string,
      context: CallerDecisionContext
    ): { deciders: Decider[]; flagStates: Map<string, FlagEvaluation> } {
      const rules = getService(strapi, 'rules').forContentType(contentType);
      return buildDeciders(strapi, contentType, context, rules, breaker, (_rule, flag) => flag);
    },

    /**
     * The same decision order with one shadowed rule replaced by its candidate (never served). It
     * has its own circuit breaker so a failing candidate never pauses the live rule.
     */
    shadowDecidersFor(
      contentType: string,
      context: CallerDecisionContext,
      ruleName: string,
      shadowBreaker: CircuitBreaker
    ): Decider[] {
      const live = getService(strapi, 'rules').forContentType(contentType);
      const shadowed = live.find((rule) => rule.name === ruleName);
      const rules = candidateRules(live, ruleName);
      return buildDeciders(strapi, contentType, context, rules, shadowBreaker, (rule, flag) =>
        rule.name === ruleName && shadowed ? candidateFlag(shadowed, flag) : flag
      ).deciders;
    },

    /** What a caller needs for the experiments decider: their key and stored arms. */
    async experimentsContext(
      contentType: string,
      callerKey: string | null
    ): Promise<CallerDecisionContext['experiments']> {
      if (!callerKey || getService(strapi, 'experiments').runningOn(contentType).length === 0) {
        return undefined;
      }
      const { arms } = await getService(strapi, 'experimentAssignments').forCaller(callerKey);
      return { callerKey, assigned: arms };
    },

    /** The decision cache for one caller's request, keyed by everything a decision reads. */
    cacheFor(
      contentType: string,
      view: CallerView,
      flagStates: Map<string, FlagEvaluation>
    ): DecisionCache {
      const cache = getService(strapi, 'cache');
      const currentRevision = revision();
      return {
        key: createDecisionKeyer({
          contentType,
          revision: currentRevision,
          flags: [...flagStates.values()],
          callerPaths: callerPaths(contentType, currentRevision),
          callerView: view,
        }),
        getMany: (keys) => cache.getMany(keys),
        setMany: (entries) => cache.setMany(entries),
      };
    },
  };
};

export type DecisionsService = ReturnType<typeof createDecisionsService>;
export default createDecisionsService;
