import type { Core } from '@strapi/strapi';
import { createFullAccessToken } from '../helpers/api-token';
import { audienceCalls, countRows } from '../helpers/audience';
import { managementApi } from '../helpers/rules';
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
      'a metric without events',
      { primaryMetric: { name: 'x', kind: 'proportion', events: [] } },
      /primaryMetric\.events/,
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
});
