import {
  personalizeEntries,
  type CachedDecision,
  type PersonalizeInput,
  type StoredEntry,
} from '../../../../src/plugins/personalization/server/src/core/delivery';
import type {
  Decider,
  Decision,
} from '../../../../src/plugins/personalization/server/src/core/rules';

type Served = Record<string, unknown> & { documentId: string };

const stored: StoredEntry = {
  documentId: 'e1',
  fields: { documentId: 'e1', title: 'Base', body: 'Base body', category: 'sports' },
  version: 'v1',
  tags: [
    { label: 'Berlin', type: 'LOC', confidence: 0.9, source: 'ner', status: 'accepted' },
    { label: 'Paris', type: 'LOC', confidence: 0.8, source: 'ner', status: 'rejected' },
  ],
  variants: new Map([['premium', 'e1-premium']]),
};

const choosing = (variant: string | null, reason: Decision['reason'] = 'rule'): Decider => ({
  name: 'fixed',
  cacheable: true,
  decide: () => ({ variant, reason, rule: { name: 'r', version: 1 }, flag: null, trace: [] }),
});

const input = (overrides: Partial<PersonalizeInput<Served>> = {}): PersonalizeInput<Served> => ({
  entries: [{ documentId: 'e1', title: 'Base' }],
  stored: new Map([['e1', stored]]),
  gate: null,
  deciders: [choosing('premium')],
  loadVariants: async (ids) =>
    new Map(ids.map((id) => [id, { documentId: id, title: 'Premium', body: '' }])),
  renderMergeFields: (entry) => entry,
  ...overrides,
});

describe('personalizeEntries', () => {
  it('serves the chosen variant over the base, with the decision and the tags', async () => {
    const [served] = await personalizeEntries(input());
    expect(served.content).toEqual({
      documentId: 'e1',
      title: 'Premium',
      personalization: {
        variant: 'premium',
        reason: 'rule',
        rule: { name: 'r', version: 1 },
        flag: null,
        experiment: null,
        tags: stored.tags,
      },
    });
  });

  it('decides on the stored entry, not on the fields the request selected', async () => {
    const seen: Array<Record<string, unknown>> = [];
    await personalizeEntries(
      input({
        deciders: [
          {
            name: 'spy',
            cacheable: true,
            decide: (entry) => {
              seen.push(entry.fields);
              return undefined;
            },
          },
        ],
      })
    );
    expect(seen).toEqual([stored.fields]);
  });

  it('asks the deciders in order; the first that answers decides, none means no-rule', async () => {
    const abstain: Decider = { name: 'abstain', cacheable: true, decide: () => undefined };
    const [first] = await personalizeEntries(input({ deciders: [abstain, choosing(null)] }));
    expect(first.content.personalization.reason).toBe('rule');
    const [none] = await personalizeEntries(input({ deciders: [abstain] }));
    expect(none.content.personalization).toMatchObject({ variant: null, reason: 'no-rule' });
  });

  it.each(['disabled', 'no-context', 'no-consent'] as const)(
    'gives base content for the caller gate %s without asking any decider',
    async (gate) => {
      const [served] = await personalizeEntries(input({ gate, deciders: [] }));
      expect(served.content).toMatchObject({
        title: 'Base',
        personalization: { variant: null, reason: gate, rule: null },
      });
    }
  );

  it('turns a chosen variant whose entry is missing into unknown-variant base content', async () => {
    const [served] = await personalizeEntries(input({ loadVariants: async () => new Map() }));
    expect(served.content).toMatchObject({
      title: 'Base',
      personalization: { variant: null, reason: 'unknown-variant' },
    });
  });

  it('caches decisions but never rule errors, which depend on load', async () => {
    const store = new Map<string, CachedDecision>();
    const cache = {
      key: (entry: StoredEntry) => entry.documentId,
      getMany: async (keys: string[]) => keys.map((key) => store.get(key)),
      setMany: (pairs: Array<[string, CachedDecision]>) =>
        pairs.forEach(([key, value]) => store.set(key, value)),
    };
    await personalizeEntries(input({ cache, deciders: [choosing(null, 'rule-error')] }));
    expect(store.size).toBe(0);
    await personalizeEntries(input({ cache }));
    expect(store.get('e1')).toEqual({
      variant: 'premium',
      reason: 'rule',
      rule: { name: 'r', version: 1 },
      flag: null,
    });
    const [hit] = await personalizeEntries(input({ cache, deciders: [] }));
    expect(hit.content.personalization.variant).toBe('premium');
  });

  it('runs uncached deciders (experiments) before the cache, and never caches their answers', async () => {
    const store = new Map<string, CachedDecision>();
    const cache = {
      key: (entry: StoredEntry) => entry.documentId,
      getMany: async (keys: string[]) => keys.map((key) => store.get(key)),
      setMany: (pairs: Array<[string, CachedDecision]>) =>
        pairs.forEach(([key, value]) => store.set(key, value)),
    };
    await personalizeEntries(input({ cache, deciders: [choosing(null)] }));
    expect(store.get('e1')?.variant).toBeNull();
    const experiment: Decider = {
      name: 'experiment',
      cacheable: false,
      decide: () => ({
        variant: 'premium',
        reason: 'experiment',
        rule: null,
        flag: null,
        experiment: { name: 'x', arm: 'premium', phase: 1 },
        trace: [],
      }),
    };
    const [served] = await personalizeEntries(
      input({ cache, deciders: [experiment, choosing(null)] })
    );
    expect(served.content.personalization).toMatchObject({
      variant: 'premium',
      reason: 'experiment',
      experiment: { name: 'x', arm: 'premium', phase: 1 },
    });
    expect(store.get('e1')?.variant).toBeNull();
  });

  it('refuses an uncached decider after a cached one', async () => {
    const late: Decider = { name: 'late', cacheable: false, decide: () => undefined };
    await expect(personalizeEntries(input({ deciders: [choosing(null), late] }))).rejects.toThrow(
      /"late" is not cacheable/
    );
  });

  it('renders merge fields with the stored entry for context', async () => {
    const [served] = await personalizeEntries(
      input({
        renderMergeFields: (entry, storedEntry) => ({
          ...entry,
          title: `${String(entry.title)} in ${String(storedEntry?.fields.category)}`,
        }),
      })
    );
    expect(served.content.title).toBe('Premium in sports');
  });
});
