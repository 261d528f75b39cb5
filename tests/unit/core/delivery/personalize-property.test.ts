import fc from 'fast-check';
import { buildCallerView } from '../../../../src/plugins/personalization/server/src/core/context/template-context';
import {
  createDecisionKeyer,
  personalizeEntries,
  type CachedDecision,
  type DecisionCache,
  type StoredEntry,
} from '../../../../src/plugins/personalization/server/src/core/delivery';
import type { FlagEvaluation } from '../../../../src/plugins/personalization/server/src/core/flags';
import {
  createRulesDecider,
  type RuleDefinition,
} from '../../../../src/plugins/personalization/server/src/core/rules';
import {
  bodyHash,
  callerPathsOfSources,
  createSandbox,
  createTemplateLibrary,
  DEFAULT_SANDBOX_LIMITS,
  type CallerInput,
  type TemplateSource,
} from '../../../../src/plugins/personalization/server/src/core/templates';

/**
 * Issue 11's property: for random rules, traits, field selections and request orders, every
 * caller's answer through a shared decision cache equals a cache-free evaluation for that caller.
 */

type Served = Record<string, unknown> & { documentId: string };

const CATEGORIES = ['sports', 'politics', 'travel'];
const FIELDS = ['title', 'category', 'score', 'updatedAt'];

const stored: StoredEntry[] = [
  ['e1', 'sports', 3, ['premium', 'gold']],
  ['e2', 'politics', 7, ['premium']],
  ['e3', 'travel', 1, []],
  ['e4', 'sports', 9, ['gold']],
].map(([documentId, category, score, variants]) => ({
  documentId: documentId as string,
  fields: { documentId, title: `T ${documentId}`, category, score, updatedAt: '2026-01-01' },
  version: '2026-01-01',
  tags: [
    {
      label: category as string,
      type: 'KEYWORD',
      confidence: 1,
      source: 'test',
      status: 'accepted',
    },
  ],
  variants: new Map((variants as string[]).map((key) => [key, `${documentId}-${key}`])),
}));
const storedById = new Map(stored.map((entry) => [entry.documentId, entry]));
const variantRows = new Map(
  stored.flatMap((entry) =>
    [...entry.variants].map(([key, id]) => [
      id,
      { documentId: id, title: `T ${entry.documentId} ${key}` },
    ])
  )
);

/** Building blocks of rule templates: what they read is what the cache key must cover. */
const conditionArb = fc.constantFrom(
  "entry.category == 'sports'",
  'entry.score > 5',
  "visitor.traits.tier == 'gold'",
  "visitor.traits.plan == 'pro'",
  "segments contains 'fans'",
  'user.authenticated',
  "entry.tags contains 'politics'",
  "visitor.id == 'v1'"
);
const variantArb = fc.constantFrom('premium', 'gold', 'missing');
const bodyArb = fc.oneof(
  fc
    .tuple(conditionArb, variantArb, fc.option(variantArb, { nil: undefined }))
    .map(
      ([condition, yes, no]) =>
        `{% if ${condition} %}{% variant '${yes}' %}${no ? `{% else %}{% variant '${no}' %}` : ''}{% endif %}`
    ),
  // Partials read the caller too: the key must see through them.
  fc.constant("{% render 'tier-partial' %}"),
  fc.constant("{% render 'category-partial' %}")
);
const PARTIALS: TemplateSource[] = [
  {
    name: 'tier-partial',
    version: 1,
    parameters: [],
    body: "{% if visitor.traits.tier == 'gold' %}gold{% endif %}",
  },
  {
    name: 'category-partial',
    version: 1,
    parameters: [],
    body: "{% if entry.category == 'travel' %}{% else %}premium{% endif %}",
  },
];

const ruleArb = fc.record({
  body: bodyArb,
  priority: fc.integer({ min: 0, max: 3 }),
  // Off for everyone, on for everyone, or on for half the callers (by visitor id).
  rollout: fc.constantFrom('off', 'on', 'half'),
  filterTag: fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined }),
});

const callerArb: fc.Arbitrary<CallerInput> = fc.record(
  {
    visitorId: fc.constantFrom('v1', 'v2', 'v3'),
    traits: fc.record(
      { tier: fc.constantFrom('gold', 'silver'), plan: fc.constantFrom('pro', 'free') },
      { requiredKeys: [] }
    ),
    segments: fc.subarray(['fans', 'others']),
    user: fc.constant({ id: 7 }),
  },
  { requiredKeys: ['visitorId'] }
);

const requestArb = fc.record({
  caller: fc.nat({ max: 5 }),
  fields: fc.option(fc.subarray(FIELDS, { minLength: 1 }), { nil: undefined }),
});

const shape = (entry: StoredEntry, fields: string[] | undefined): Served =>
  fields
    ? (Object.fromEntries([
        ['documentId', entry.documentId],
        ...fields.map((field) => [field, entry.fields[field]]),
      ]) as Served)
    : ({ ...entry.fields } as Served);

describe('personalizeEntries through a shared decision cache', () => {
  it('answers every caller as a cache-free evaluation does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(ruleArb, { minLength: 1, maxLength: 3 }),
        fc.array(callerArb, { minLength: 6, maxLength: 6 }),
        fc.array(requestArb, { minLength: 1, maxLength: 12 }),
        async (ruleSpecs, callers, requests) => {
          const templates: TemplateSource[] = ruleSpecs.map((spec, index) => ({
            name: `t${index}`,
            version: 1,
            parameters: [],
            body: spec.body,
          }));
          const library = createTemplateLibrary([...PARTIALS, ...templates]);
          // Time limits are wall-clock: a generous one keeps a busy test machine from failing renders.
          const sandbox = createSandbox({
            library: () => library,
            limits: { ...DEFAULT_SANDBOX_LIMITS, renderLimitMs: 10_000 },
          });
          const renderer = {
            sandbox,
            sourceFor: (name: string) => library.latest(name),
          };
          const rules: RuleDefinition[] = ruleSpecs.map((spec, index) => ({
            name: `r${index}`,
            contentType: 'api::article.article',
            entryFilter: spec.filterTag ? { tags: [spec.filterTag] } : null,
            template: `t${index}`,
            templateVersion: null,
            params: {},
            priority: spec.priority,
            status: 'active',
            flagName: `f${index}`,
          }));
          const revision = JSON.stringify(templates.map((source) => bodyHash(source.body)));
          const callerPaths = callerPathsOfSources(sandbox, templates);
          const flagOf = (rule: RuleDefinition, caller: CallerInput): FlagEvaluation => {
            const rollout = ruleSpecs[Number(rule.name.slice(1))].rollout;
            const enabled = rollout === 'on' || (rollout === 'half' && caller.visitorId !== 'v2');
            return { name: rule.flagName, enabled, variant: null, payload: null };
          };

          const shared = new Map<string, CachedDecision>();
          const cache = (keyer: DecisionCache['key']): DecisionCache => ({
            key: keyer,
            getMany: async (keys) => keys.map((key) => shared.get(key)),
            setMany: (entries) => entries.forEach(([key, value]) => shared.set(key, value)),
          });

          const serve = async (
            caller: CallerInput,
            fields: string[] | undefined,
            cached: boolean
          ) => {
            const view = buildCallerView(caller, { userAttributes: [], now: new Date(0) });
            const flags = rules.map((rule) => flagOf(rule, caller));
            const decider = createRulesDecider({
              rules,
              renderer,
              caller: view,
              evaluateFlag: (rule) => flagOf(rule, caller),
            });
            return personalizeEntries<Served>({
              entries: stored.map((entry) => shape(entry, fields)),
              stored: storedById,
              gate: null,
              deciders: [decider],
              cache: cached
                ? cache(
                    createDecisionKeyer({
                      contentType: 'api::article.article',
                      revision,
                      flags,
                      callerPaths,
                      callerView: view,
                    })
                  )
                : undefined,
              loadVariants: async (ids) =>
                new Map(
                  ids.flatMap((id) => (variantRows.has(id) ? [[id, variantRows.get(id)!]] : []))
                ),
              renderMergeFields: (entry) => entry,
            });
          };

          for (const request of requests) {
            const caller = callers[request.caller];
            const served = await serve(caller, request.fields, true);
            const fresh = await serve(caller, request.fields, false);
            const full = await serve(caller, undefined, false);
            served.forEach((answer, index) => {
              expect(answer.content).toEqual(fresh[index].content);
              // Whatever fields were selected, the decision is the one made on the whole entry.
              expect(answer.content.personalization).toEqual(full[index].content.personalization);
            });
          }
        }
      ),
      { numRuns: 150, seed: 20261201 }
    );
  });
});
