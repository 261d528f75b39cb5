import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { CallerView } from '../../core/context/template-context';
import { decisionEntry, type StoredEntry } from '../../core/delivery';
import type { DecisionEntry } from '../../core/rules';
import { createCircuitBreaker, type Decision, type RuleDefinition } from '../../core/rules';
import {
  addOutcome,
  cachedDecider,
  candidateOf,
  emptyTally,
  evaluateShadow,
  isShadowed,
  sampleRateOf,
  summarizeTally,
  type ShadowOutcome,
  type ShadowTally,
} from '../../core/shadow';
import { createRenderBudget, type CallerInput } from '../../core/templates';
import type { RuleRow } from '../../records/types';
import type { ShadowReport } from '../../../../shared/contracts/templates';
import { getPluginConfig } from '../../utils/get-plugin-config';
import { getService } from '../../utils/get-service';
import type { CallerDecisionContext } from '../decisions';
import { createShadowStore } from './store';

/** What delivery hands over after it answered a request: enough to decide it again later. */
export interface ShadowOffer {
  contentType: string;
  entries: ReadonlyArray<{ stored: StoredEntry | undefined; decision: Decision }>;
  caller: CallerInput;
  view: CallerView;
  experiments: CallerDecisionContext['experiments'];
  /** The caller's pseudonymous key (never a visitor id or user id). */
  callerKey: string;
  segments: readonly string[];
  /** documentId → the live decision's cache key, for entries the rules decided (keys the shadow's cache). */
  liveKeys: ReadonlyMap<string, string>;
}

interface Job extends ShadowOffer {
  rule: string;
}

interface Pending {
  candidate: string;
  tally: ShadowTally;
}

/**
 * Names the candidate: a changed template body, version, params or filter starts a new report. The
 * body's content hash is part of it, so a template deleted and recreated under the same name and
 * version is another candidate.
 */
const candidateKey = (candidate: RuleDefinition, templateHash: string | null): string => {
  const identity = [
    templateHash,
    candidate.contentType,
    candidate.entryFilter,
    candidate.template,
    candidate.templateVersion,
    candidate.params,
    candidate.priority,
  ];
  return createHash('sha1').update(JSON.stringify(identity)).digest('base64url');
};

/**
 * Shadow rules (docs/templates.md): after a response is computed, a sample of requests is queued
 * and decided again with each shadowed rule's candidate, off the request's path (setImmediate, a
 * bounded queue, drops counted), never through the live decision cache (it has its own); the
 * counts are written in batches.
 */
const createShadowService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = getPluginConfig(strapi);
  const limits = { examples: config.shadow.examples, errors: config.shadow.errors };
  const store = createShadowStore(strapi, limits);
  const breaker = createCircuitBreaker(config.rules.breaker);
  // The shadow's own decisions, keyed like live ones plus the candidate: what a live decision
  // depends on (entry, rules revision, flags, caller values read) also fixes the candidate's.
  const decisionCache = config.cache.enabled
    ? new LRUCache<string, Omit<Decision, 'trace'>>({
        max: config.cache.maxEntries,
        ttl: config.cache.ttlMs,
      })
    : null;
  const outcomes = decisionCache
    ? new LRUCache<string, Pick<ShadowOutcome, 'decisions' | 'divergedDecisions' | 'differences'>>({
        max: 5000,
        ttl: config.cache.ttlMs,
      })
    : null;
  const candidateKeys = new WeakMap<RuleDefinition, { templates: string; key: string }>();
  /**
   * Rule definitions are replaced, never changed, when rules change, and the templates' revision
   * moves with any template content: one hash per definition and templates revision.
   */
  const candidateKeyOf = (rule: RuleDefinition): string => {
    const templates = getService(strapi, 'templates');
    const revision = templates.revision();
    const known = candidateKeys.get(rule);
    if (known?.templates === revision) return known.key;
    const candidate = candidateOf(rule);
    const source = templates.sourceFor(candidate.template, candidate.templateVersion);
    const key = candidateKey(candidate, source?.hash ?? null);
    candidateKeys.set(rule, { templates: revision, key });
    return key;
  };
  const queue: Job[] = [];
  const pending = new Map<string, Pending>();
  const shadowedByList = new WeakMap<readonly RuleDefinition[], RuleDefinition[]>();
  let draining = false;
  let idleWaiters: Array<() => void> = [];
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();

  const shadowedOn = (contentType: string): RuleDefinition[] => {
    const rules = getService(strapi, 'rules').forContentType(contentType);
    let shadowed = shadowedByList.get(rules);
    if (!shadowed) {
      shadowed = rules.filter(isShadowed);
      shadowedByList.set(rules, shadowed);
    }
    return shadowed;
  };

  const pendingFor = (rule: RuleDefinition): Pending => {
    const candidate = candidateKeyOf(rule);
    let entry = pending.get(rule.name);
    if (!entry || entry.candidate !== candidate) {
      entry = { candidate, tally: emptyTally() };
      pending.set(rule.name, entry);
    }
    return entry;
  };

  /** The shadow's decisions for the job's entries: its own cache per entry, keyed by the live keys. */
  const decide = (job: Job, rule: RuleDefinition, candidate: string): ShadowOutcome => {
    const deciders = getService(strapi, 'decisions').shadowDecidersFor(
      job.contentType,
      {
        caller: job.caller,
        view: job.view,
        budget: createRenderBudget(config.rules.renderBudgetMs),
        experiments: job.experiments,
      },
      rule.name,
      breaker
    );
    const keyOf = (entry: DecisionEntry): string | null => {
      const live = job.liveKeys.get(entry.documentId);
      return live ? `${rule.name}|${candidate}|${live}` : null;
    };
    return evaluateShadow({
      rule: rule.name,
      deciders: decisionCache
        ? deciders.map((decider) =>
            decider.cacheable ? cachedDecider(decider, decisionCache, keyOf) : decider
          )
        : deciders,
      entries: job.entries.flatMap(({ stored, decision }) =>
        stored ? [{ entry: decisionEntry(stored), live: decision.variant }] : []
      ),
      caller: { key: job.callerKey, segments: job.segments, traits: job.caller.traits ?? {} },
    });
  };

  /**
   * A request whose every entry has a live decision key, with the same live variants, gets the
   * same candidate answers: such outcomes are reused whole (errors never are).
   */
  const requestKey = (job: Job, rule: RuleDefinition, candidate: string): string | null => {
    if (!outcomes) return null;
    const parts: string[] = [];
    for (const { stored, decision } of job.entries) {
      if (!stored) continue;
      const live = job.liveKeys.get(stored.documentId);
      if (!live) return null;
      parts.push(`${live}=${decision.variant ?? ''}`);
    }
    return `${rule.name}|${candidate}|${parts.join(',')}`;
  };

  const evaluate = (job: Job): void => {
    const started = performance.now();
    const rule = shadowedOn(job.contentType).find((candidate) => candidate.name === job.rule);
    // Promoted or discarded while queued: nothing to compare any more.
    if (!rule) return;
    const candidate = candidateKeyOf(rule);
    const memo = requestKey(job, rule, candidate);
    const known = memo ? outcomes?.get(memo) : undefined;
    const outcome: ShadowOutcome = known
      ? {
          ...known,
          segments: job.segments,
          callerKey: job.callerKey,
          traits: job.caller.traits ?? {},
          error: null,
          durationMs: performance.now() - started,
        }
      : decide(job, rule, candidate);
    if (!known && memo && outcome.error === null) {
      const { decisions, divergedDecisions, differences } = outcome;
      outcomes?.set(memo, { decisions, divergedDecisions, differences });
    }
    addOutcome(pendingFor(rule).tally, outcome, limits);
  };

  const drainOne = (): void => {
    const job = queue.shift();
    if (!job) {
      draining = false;
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((resolve) => resolve());
      return;
    }
    try {
      evaluate(job);
    } catch (error) {
      strapi.log.error(`[personalization] shadow evaluation of "${job.rule}" failed: ${error}`);
    }
    // One evaluation per turn of the event loop: requests waiting for I/O go first.
    setImmediate(drainOne);
  };

  const flushNow = async (): Promise<void> => {
    const batch = [...pending.entries()];
    pending.clear();
    for (const [name, { candidate, tally }] of batch) {
      try {
        await store.add(name, candidate, tally);
      } catch (error) {
        strapi.log.error(
          `[personalization] could not store the shadow report of "${name}": ${error}`
        );
      }
    }
  };

  const flush = (): Promise<void> => {
    flushing = flushing.then(flushNow);
    return flushing;
  };

  /** Resolves when every evaluation queued so far has run. */
  const idle = (): Promise<void> =>
    draining ? new Promise((resolve) => idleWaiters.push(resolve)) : Promise.resolve();

  /** The rule as the decision path holds it (a 404 when it does not exist). */
  const definitionOf = async (name: string): Promise<{ row: RuleRow; rule: RuleDefinition }> => {
    const row = await getService(strapi, 'rules').get(name);
    const rule = getService(strapi, 'rules')
      .forContentType(row.contentType)
      .find((candidate) => candidate.name === name);
    if (!rule) throw new errors.NotFoundError(`rule "${name}" does not exist`);
    return { row, rule };
  };

  const shadowedRule = async (name: string): Promise<RuleRow> => {
    const { row, rule } = await definitionOf(name);
    if (!isShadowed(rule)) {
      throw new errors.ValidationError(
        `rule "${name}" is not in shadow (set status "shadow", or shadow.templateVersion on a live rule)`
      );
    }
    return row;
  };

  const forget = async (name: string): Promise<void> => {
    pending.delete(name);
    await flush();
    await store.clear(name);
  };

  const service = {
    start(): void {
      timer = setInterval(() => void flush(), config.shadow.flushMs);
      timer.unref();
    },

    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await idle();
      await flush();
    },

    /**
     * Called by delivery once a request's answer is computed: samples each shadowed rule of the
     * type and queues its evaluation. Cheap and never throws: the reader's response does not wait.
     */
    offer(offer: ShadowOffer): void {
      try {
        const shadowed = shadowedOn(offer.contentType);
        if (shadowed.length === 0) return;
        for (const rule of shadowed) {
          if (Math.random() >= sampleRateOf(rule, config.shadow.sampleRate)) continue;
          if (queue.length >= config.shadow.queueSize) {
            pendingFor(rule).tally.dropped += 1;
            continue;
          }
          queue.push({ ...offer, rule: rule.name });
        }
        if (!draining && queue.length > 0) {
          draining = true;
          setImmediate(drainOne);
        }
      } catch (error) {
        strapi.log.error(`[personalization] could not queue a shadow evaluation: ${error}`);
      }
    },

    /** The report of a rule: everything evaluated until now (queued evaluations run first). */
    async report(name: string): Promise<ShadowReport> {
      const { row, rule } = await definitionOf(name);
      await idle();
      await flush();
      const stored = await store.read(name);
      const current = stored && stored.candidate === candidateKeyOf(rule) ? stored : null;
      const shadowing = isShadowed(rule);
      return {
        rule: name,
        status: row.status,
        shadowing,
        candidate: shadowing ? { templateVersion: candidateOf(rule).templateVersion } : null,
        sampleRate: sampleRateOf(rule, config.shadow.sampleRate),
        startedAt: current ? new Date(current.startedAt).toISOString() : null,
        updatedAt: current ? new Date(current.updatedAt).toISOString() : null,
        ...summarizeTally(current?.tally ?? emptyTally()),
      };
    },

    /** Makes the candidate live (its flag still gates it) and clears the report. */
    async promote(name: string) {
      const row = await shadowedRule(name);
      const report = await service.report(name);
      const templateVersion =
        row.shadow?.templateVersion !== undefined
          ? row.shadow.templateVersion
          : row.templateVersion;
      const rule = await getService(strapi, 'rules').update(name, {
        status: 'active',
        templateVersion,
        shadow: null,
      });
      await forget(name);
      return { rule, report };
    },

    /** Stops shadowing (a `shadow` rule becomes disabled; a live rule keeps serving) and clears the report. */
    async discard(name: string) {
      const row = await shadowedRule(name);
      const rule = await getService(strapi, 'rules').update(name, {
        ...(row.status === 'shadow' ? { status: 'disabled' as const } : {}),
        shadow: null,
      });
      await forget(name);
      return { rule };
    },

    /** Drops a deleted rule's report, so a rule created later under its name starts afresh. */
    forget,

    flush,
    idle,
  };
  return service;
};

export type ShadowService = ReturnType<typeof createShadowService>;
export default createShadowService;
