import type { Core } from '@strapi/strapi';
import { createFullAccessToken } from '../helpers/api-token';
import { audienceCalls, countRows } from '../helpers/audience';
import { managementApi } from '../helpers/rules';
import { srmPValue } from '../../src/plugins/personalization/server/src/core/experiments/stats';
import { startStrapi, type TestApp } from '../helpers/strapi';

/** Issue 13: experiment records, pre-registration, sticky assignment and exposures. */

const PROMOTION = 'api::promotion.promotion';

interface Served {
  documentId: string;
  title: string;
  personalization: {
    variant: string | null;
    reason: string;
    experiment: { name: string; arm: string; phase: number } | null;
  };
}

const createSportsVariant = async (strapi: Core.Strapi): Promise<string> => {
  const [newsletter] = (await strapi.documents(PROMOTION).findMany({
    status: 'published',
    filters: { variantKey: { $null: true }, ctaUrl: 'https://example.com/newsletter' },
    limit: 1,
  } as never)) as unknown as Array<{ documentId: string }>;
  await strapi.documents(PROMOTION).create({
    data: {
      title: 'Get the Sports Briefing',
      body: 'Results and fixtures every weekday.',
      ctaLabel: 'Get the sports edition',
      ctaUrl: 'https://example.com/newsletter/sports',
      variantKey: 'sports',
      variantOf: newsletter.documentId,
    } as never,
    status: 'published',
  });
  return newsletter.documentId;
};

const experiment = (
  name: string,
  newsletterId: string,
  overrides: Record<string, unknown> = {}
) => ({
  name,
  hypothesis: 'The sports edition gets more sign-ups from everyone',
  contentType: PROMOTION,
  entryFilter: { documentIds: [newsletterId] },
  arms: [
    { name: 'base', weight: 1 },
    { name: 'sports', weight: 1 },
  ],
  primaryMetric: { name: 'sign-up', kind: 'proportion', events: ['conversion'] },
  baseline: { rate: 0.1 },
  ...overrides,
});

describe('experiments', () => {
  let app: TestApp;
  let token: string;
  let newsletterId: string;
  const api = (method: 'get' | 'post' | 'put' | 'delete', path: string) =>
    managementApi(app, token)(method, path);

  const newsletterAs = async (visitorId: string): Promise<Served> => {
    const response = await app
      .http()
      .get('/api/promotions')
      .set('X-Visitor-Id', visitorId)
      .expect(200);
    return (response.body.data as Served[]).find(
      (entry) => entry.documentId === newsletterId
    ) as Served;
  };

  beforeAll(async () => {
    app = await startStrapi({ env: { SEED_DEMO_RULES: 'false' } });
    token = await createFullAccessToken(app.strapi);
    newsletterId = await createSportsVariant(app.strapi);
  });

  afterAll(async () => {
    await app.destroy();
  });

  it.each([
    [
      'no base arm first',
      {
        arms: [
          { name: 'sports', weight: 1 },
          { name: 'base', weight: 1 },
        ],
      },
      /arms\.0\.name/,
    ],
    ['a single arm', { arms: [{ name: 'base', weight: 1 }] }, /^arms: /],
    ['an unknown key', { colour: 'red' }, /colour/],
    [
      'a zero weight',
      {
        arms: [
          { name: 'base', weight: 0 },
          { name: 'sports', weight: 1 },
        ],
      },
      /arms\.0\.weight/,
    ],
    ['an alpha of 1', { alpha: 1 }, /^alpha: /],
    [
      'a baseline that does not fit the primary metric',
      { baseline: { mean: 3, sd: 1 } },
      /^baseline: a proportion metric takes \{ rate \}/,
    ],
    [
      'a metric without events',
      { primaryMetric: { name: 'x', kind: 'proportion', events: [] } },
      /primaryMetric\.events/,
    ],
    [
      'a metric on custom events without their name',
      { primaryMetric: { name: 'x', kind: 'proportion', events: ['custom'] } },
      /primaryMetric\.customEvent: a metric on custom events needs the customEvent name/,
    ],
    [
      'a custom event name on a metric without custom events',
      {
        guardrailMetrics: [
          { name: 'd', kind: 'mean', event: 'dwell', aggregate: 'sum', customEvent: 'share' },
        ],
      },
      /guardrailMetrics\.0\.customEvent: customEvent is only for metrics on custom events/,
    ],
  ])(
    'refuses %s with a 400 naming the field, storing nothing',
    async (_label, overrides, message) => {
      const response = await api('post', '/experiments')
        .send(experiment('refused', newsletterId, overrides))
        .expect(400);
      expect(response.body.error.message).toMatch(message);
      await api('get', '/experiments/refused').expect(404);
    }
  );

  it('assigns callers sticky arms once running, marks entries and records exposures with consent', async () => {
    await api('post', '/experiments').send(experiment('newsletter-ab', newsletterId)).expect(201);
    // A draft serves nobody.
    expect((await newsletterAs('draft-1')).personalization.experiment).toBeNull();

    const started = await api('post', '/experiments/newsletter-ab/start').send({}).expect(200);
    expect(started.body.data).toMatchObject({ status: 'running', phase: 1 });
    expect(started.body.data.plan).toMatchObject({
      hypothesis: 'The sports edition gets more sign-ups from everyone',
      alpha: 0.05,
      power: 0.8,
      mde: 0.1,
      sequentialTuning: 5000,
      // power.prop.test(p1 = .10, p2 = .11, power = .8) → n = 14750.79 per group.
      sampleSizePerArm: 14751,
    });

    const arms = new Map<string, string>();
    for (let index = 0; index < 40; index += 1) {
      const visitor = `ab-${index}`;
      const first = await newsletterAs(visitor);
      expect(first.personalization).toMatchObject({
        reason: 'experiment',
        experiment: { name: 'newsletter-ab', phase: 1 },
      });
      const arm = first.personalization.experiment!.arm;
      expect(first.personalization.variant).toBe(arm === 'base' ? null : arm);
      expect(first.title).toBe(
        arm === 'sports' ? 'Get the Sports Briefing' : 'Get the Morning Briefing'
      );
      expect((await newsletterAs(visitor)).personalization.experiment!.arm).toBe(arm);
      arms.set(visitor, arm);
    }
    const sports = [...arms.values()].filter((arm) => arm === 'sports').length;
    expect(sports).toBeGreaterThan(8);
    expect(sports).toBeLessThan(32);
    // Assignments are kept for everyone; exposures only with analytics consent (off by default).
    expect(await countRows(app.strapi, 'personalization_experiment_assignments')).toBe(40);
    expect(await countRows(app.strapi, 'personalization_experiment_exposures')).toBe(0);

    await audienceCalls(app, { visitorId: 'ab-0' }).consent({ analytics: true }).expect(200);
    await newsletterAs('ab-0');
    await newsletterAs('ab-0');
    expect(await countRows(app.strapi, 'personalization_experiment_exposures')).toBe(1);

    // GraphQL marks the entry the same way.
    const graphql = await app
      .http()
      .post('/graphql')
      .set('X-Visitor-Id', 'ab-1')
      .send({
        query:
          '{ promotions { documentId personalization { reason experiment { name arm phase } } } }',
      })
      .expect(200);
    const entry = graphql.body.data.promotions.find(
      (promotion: { documentId: string }) => promotion.documentId === newsletterId
    );
    expect(entry.personalization.experiment).toEqual({
      name: 'newsletter-ab',
      arm: arms.get('ab-1'),
      phase: 1,
    });

    // The preview shows the caller's stored arm.
    const preview = await api('post', '/preview')
      .send({ contentType: PROMOTION, documentId: newsletterId, caller: { visitorId: 'ab-2' } })
      .expect(200);
    expect(preview.body.data.experiment).toMatchObject({ arm: arms.get('ab-2') });

    // Frozen: a plain edit is refused, naming the field; a new phase takes it and keeps every arm.
    const refused = await api('put', '/experiments/newsletter-ab')
      .send({
        arms: [
          { name: 'base', weight: 1 },
          { name: 'sports', weight: 9 },
        ],
      })
      .expect(400);
    expect(refused.body.error.message).toMatch(
      /^arms: frozen since experiment "newsletter-ab" started/
    );
    const phase2 = await api('put', '/experiments/newsletter-ab')
      .send({
        arms: [
          { name: 'base', weight: 1 },
          { name: 'sports', weight: 9 },
        ],
        newPhase: true,
      })
      .expect(200);
    expect(phase2.body.data).toMatchObject({
      phase: 2,
      plan: { arms: [{ weight: 1 }, { weight: 9 }] },
    });
    expect(phase2.body.data.phases).toHaveLength(1);
    for (const [visitor, arm] of [...arms].slice(0, 20)) {
      const served = await newsletterAs(visitor);
      expect(served.personalization.experiment).toEqual({ name: 'newsletter-ab', arm, phase: 2 });
    }
  });

  it('erases a caller’s assignments and exposures with the rest of their data', async () => {
    const assignments = await countRows(app.strapi, 'personalization_experiment_assignments');
    const exposures = await countRows(app.strapi, 'personalization_experiment_exposures');
    expect(exposures).toBeGreaterThan(0);
    const erased = await api('delete', '/visitors/ab-0').expect(200);
    // ab-0 consented: one assignment, and one exposure in each of phases 1 and 2.
    expect(erased.body.data).toMatchObject({ experiments: 3, consents: 1 });
    expect(await countRows(app.strapi, 'personalization_experiment_assignments')).toBe(
      assignments - 1
    );
    expect(await countRows(app.strapi, 'personalization_experiment_exposures')).toBe(exposures - 2);
    // Served again, they are a new caller: assigned anew, not exposed without consent.
    expect((await newsletterAs('ab-0')).personalization.experiment).toMatchObject({
      name: 'newsletter-ab',
    });
    expect(await countRows(app.strapi, 'personalization_experiment_exposures')).toBe(exposures - 2);
  });

  it('ships the winning arm as a rule and forgets a deleted experiment’s callers', async () => {
    await api('post', '/experiments/newsletter-ab/stop')
      .send({ decision: 'ship', arm: 'base' })
      .expect(400);
    const stopped = await api('post', '/experiments/newsletter-ab/stop')
      .send({ decision: 'ship', arm: 'sports' })
      .expect(200);
    expect(stopped.body.data).toMatchObject({
      status: 'stopped',
      decision: { action: 'ship', arm: 'sports' },
    });
    const served = await newsletterAs('after-ship');
    expect(served.personalization).toMatchObject({
      variant: 'sports',
      reason: 'rule',
      experiment: null,
    });
    await api('put', '/experiments/newsletter-ab').send({ mde: 0.2 }).expect(400);
    await api('delete', '/experiments/newsletter-ab').expect(400);
    await api('post', '/experiments/newsletter-ab/archive').send({}).expect(200);
    await api('delete', '/experiments/newsletter-ab').expect(204);
    expect(await countRows(app.strapi, 'personalization_experiment_assignments')).toBe(0);
    expect(await countRows(app.strapi, 'personalization_experiment_exposures')).toBe(0);
  });

  it('analyses real results: exposures, conversions, a dwell guardrail, SRM, power and a recommendation', async () => {
    await api('post', '/experiments')
      .send(
        experiment('newsletter-results', newsletterId, {
          guardrailMetrics: [
            { name: 'dwell', kind: 'mean', event: 'dwell', aggregate: 'sum' },
            { name: 'shared', kind: 'proportion', events: ['custom'], customEvent: 'share' },
          ],
        })
      )
      .expect(201);
    const draft = await api('get', '/experiments/newsletter-results/results').expect(200);
    expect(draft.body.data).toMatchObject({
      experiment: { name: 'newsletter-results', status: 'draft', phase: 1, decision: null },
      plan: null,
      exposures: { total: 0 },
      recommendation: { action: 'keep-running' },
    });
    await api('post', '/experiments/newsletter-results/start').send({}).expect(200);

    const expected = new Map<
      string,
      { n: number; conversions: number; dwell: number[]; shared: number }
    >([
      ['base', { n: 0, conversions: 0, dwell: [], shared: 0 }],
      ['sports', { n: 0, conversions: 0, dwell: [], shared: 0 }],
    ]);
    for (let index = 0; index < 30; index += 1) {
      const visitor = `results-${index}`;
      const calls = audienceCalls(app, { visitorId: visitor });
      await calls.consent({ analytics: true }).expect(200);
      const arm = (await newsletterAs(visitor)).personalization.experiment!.arm;
      const tally = expected.get(arm)!;
      // Every second sports caller converts, every third base caller; each dwells a while.
      const converts = arm === 'sports' ? tally.n % 2 === 0 : tally.n % 3 === 0;
      const dwellMs = 1000 * ((index % 5) + (arm === 'sports' ? 3 : 1));
      tally.n += 1;
      tally.dwell.push(dwellMs);
      const entry = { uid: PROMOTION, documentId: newsletterId };
      const timestamp = new Date().toISOString();
      const events: unknown[] = [
        { id: `${visitor}-dwell`, type: 'dwell', value: dwellMs, entry, timestamp, sessionId: 's' },
        // Custom events count by name: every fourth caller shares, the others only subscribe.
        {
          id: `${visitor}-custom`,
          type: 'custom',
          name: index % 4 === 0 ? 'share' : 'subscribe',
          timestamp,
          sessionId: 's',
        },
      ];
      if (index % 4 === 0) tally.shared += 1;
      if (converts) {
        tally.conversions += 1;
        events.push({
          id: `${visitor}-signup`,
          type: 'conversion',
          value: 1,
          entry,
          timestamp,
          sessionId: 's',
        });
      }
      const sent = await calls.events(events);
      expect([sent.status, sent.body.error?.message]).toEqual([202, undefined]);
    }
    const base = expected.get('base')!;
    const sports = expected.get('sports')!;
    expect(base.n).toBeGreaterThan(3);
    expect(sports.n).toBeGreaterThan(3);

    const response = await api('get', '/experiments/newsletter-results/results').expect(200);
    const results = response.body.data;
    expect(results.experiment).toMatchObject({ status: 'running', phase: 1 });
    expect(results.plan).toMatchObject({ sampleSizePerArm: 14751, alpha: 0.05 });
    expect(results.exposures.total).toBe(30);
    expect(results.exposures.perArm).toEqual([
      { arm: 'base', exposures: base.n, expectedShare: 0.5, observedShare: base.n / 30 },
      { arm: 'sports', exposures: sports.n, expectedShare: 0.5, observedShare: sports.n / 30 },
    ]);
    expect(results.srm.pValue).toBeCloseTo(srmPValue([base.n, sports.n], [1, 1]), 12);
    expect(results.srm.warning).toBe(false);

    const [signUp, dwell, shared] = results.metrics;
    expect(signUp).toMatchObject({ name: 'sign-up', kind: 'proportion', primary: true });
    expect(signUp.arms).toEqual([
      {
        arm: 'base',
        n: base.n,
        conversions: base.conversions,
        rate: base.conversions / base.n,
        mean: null,
        sd: null,
      },
      {
        arm: 'sports',
        n: sports.n,
        conversions: sports.conversions,
        rate: sports.conversions / sports.n,
        mean: null,
        sd: null,
      },
    ]);
    const [comparison] = signUp.comparisons;
    const difference = sports.conversions / sports.n - base.conversions / base.n;
    expect(comparison).toMatchObject({ arm: 'sports', method: 'sequential' });
    expect(comparison.absolute.estimate).toBeCloseTo(difference, 12);
    expect(comparison.absolute.ci[0]).toBeLessThan(difference);
    expect(comparison.absolute.ci[1]).toBeGreaterThan(difference);
    expect(comparison.pValue).toBeGreaterThan(0);
    expect(comparison.pValue).toBeLessThanOrEqual(1);
    expect(typeof comparison.testStatistic).toBe('number');

    const meanOf = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
    expect(dwell).toMatchObject({ name: 'dwell', kind: 'mean', primary: false });
    expect(dwell.arms[0].mean).toBeCloseTo(meanOf(base.dwell), 9);
    expect(dwell.arms[1].mean).toBeCloseTo(meanOf(sports.dwell), 9);
    expect(dwell.comparisons[0].df).toBeGreaterThan(0);
    expect(dwell.comparisons[0].absolute.estimate).toBeCloseTo(
      meanOf(sports.dwell) - meanOf(base.dwell),
      6
    );

    expect(shared).toMatchObject({ name: 'shared', kind: 'proportion', primary: false });
    expect(shared.arms.map((arm: { conversions: number }) => arm.conversions)).toEqual([
      base.shared,
      sports.shared,
    ]);
    expect(base.shared + sports.shared).toBe(8);

    // 30 exposures in the last week: 30/7 a day towards 2 × 14751.
    expect(results.power.plannedPerArm).toBe(14751);
    expect(results.power.reached).toBeCloseTo(Math.min(base.n, sports.n) / 14751, 12);
    expect(results.power.expectedDaysLeft).toBeCloseTo((2 * 14751 - 30) / (30 / 7), 6);
    expect(results.timeline).toEqual(
      expect.arrayContaining([expect.objectContaining({ arm: 'sports', exposures: sports.n })])
    );
    expect(results.recommendation.action).toBe('keep-running');
  });
});
