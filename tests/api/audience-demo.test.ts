import { createFullAccessToken } from '../helpers/api-token';
import { articlesOf, audienceCalls, readOneSportsArticle } from '../helpers/audience';
import { managementApi } from '../helpers/rules';
import { startStrapi, type TestApp } from '../helpers/strapi';

interface Delivered {
  documentId: string;
  title: string;
  personalization: { variant: string | null; reason: string };
}

/**
 * The "done when", on the demo set-up (SEED_DEMO_RULES on): a visitor reads three sports
 * articles through the API, gets a sports-leaning profile, lands in the sports-fans segment, and
 * the rule on that segment serves them the sports variant of the newsletter promotion.
 */
describe('audience on the demo set-up', () => {
  let app: TestApp;
  let api: ReturnType<typeof managementApi>;

  beforeAll(async () => {
    app = await startStrapi({ env: { SEED_DEMO_RULES: 'true' } });
    api = managementApi(app, await createFullAccessToken(app.strapi));
  });

  afterAll(async () => {
    await app?.destroy();
  });

  const newsletterFor = async (visitorId: string): Promise<Delivered> => {
    const list = await audienceCalls(app, { visitorId }).get('/api/promotions').expect(200);
    const found = (list.body.data as Delivered[]).find((entry) => /Briefing/.test(entry.title));
    if (!found) throw new Error('the newsletter promotion is missing');
    return found;
  };

  it('serves the sports variant of a promotion to a visitor who read three sports articles', async () => {
    const fan = audienceCalls(app, { visitorId: 'sports-fan' });
    expect((await newsletterFor('sports-fan')).personalization.variant).toBeNull();

    await fan.consent({ analytics: true }).expect(200);
    for (const documentId of (await articlesOf(app.strapi, 'sports')).slice(0, 3)) {
      await fan.get(`/api/articles/${documentId}`).expect(200);
    }
    const me = await fan.me().expect(200);
    expect(me.body.data.profile.visits).toBe(3);
    expect(me.body.data.profile.topTags[0]).toBe('sports');
    expect(me.body.data.segments).toContain('sports-fans');

    const newsletter = await newsletterFor('sports-fan');
    expect(newsletter.title).toBe('Get the Sports Briefing');
    expect(newsletter.personalization).toMatchObject({ variant: 'sports', reason: 'rule' });
    // Another visitor, with no history, still gets the base promotion.
    expect((await newsletterFor('newcomer')).title).toBe('Get the Morning Briefing');
  });

  it('gives the segments to Unleash as a context property', async () => {
    // Only callers whose `segments` property names sports-fans pass the flag's constraint.
    await api('put', '/flags/personalization.sports-fans-newsletter')
      .send({
        constraints: [
          { contextName: 'segments', operator: 'STR_CONTAINS', values: ['sports-fans'] },
        ],
      })
      .expect(200);
    expect((await newsletterFor('sports-fan')).personalization).toMatchObject({
      variant: 'sports',
    });
    expect((await newsletterFor('newcomer')).personalization.reason).toBe('flag-off');
  });

  it('serves premium article variants to visitors who declare the premium plan', async () => {
    const premium = await audienceCalls(app, { visitorId: 'premium-reader' })
      .get('/api/articles?pagination[pageSize]=100')
      .set('X-Visitor-Traits', JSON.stringify({ plan: 'premium' }))
      .expect(200);
    const variants = (premium.body.data as Delivered[]).filter(
      (entry) => entry.personalization.variant === 'premium'
    );
    expect(variants).toHaveLength(4);
    expect(variants.every((entry) => entry.title.startsWith('Premium analysis: '))).toBe(true);
  });

  it('clusters profiles with K-Means, and a second run on the same data has an ARI of 1', async () => {
    const topics = ['sports', 'travel', 'technology'];
    for (const [position, topic] of topics.entries()) {
      const ids = await articlesOf(app.strapi, topic);
      for (let reader = 0; reader < 4; reader += 1) {
        const calls = audienceCalls(app, { visitorId: `cluster-${topic}-${reader}` });
        await calls.consent({ analytics: true }).expect(200);
        await calls
          .events(
            ids.slice(0, 2 + (reader % 2)).map((documentId, index) => ({
              id: `v${index}`,
              type: 'dwell',
              value: 60_000 * (1 + position + reader),
              entry: { uid: 'api::article.article', documentId },
              timestamp: new Date().toISOString(),
              sessionId: `s${reader}`,
            }))
          )
          .expect(202);
      }
    }
    const first = (await api('post', '/clustering/run').expect(200)).body.data;
    expect(first.profiles).toBeGreaterThanOrEqual(12);
    expect(first.k).toBeGreaterThanOrEqual(2);
    expect(first.ari).toBeNull();
    const clustered = Object.values(first.sizes as Record<string, number>).reduce(
      (a, b) => a + b,
      0
    );
    expect(clustered).toBe(first.profiles);

    const second = (await api('post', '/clustering/run').expect(200)).body.data;
    expect(second.ari).toBe(1);
    expect(second.compared).toBe(first.profiles);
    const runs = (await api('get', '/clustering/runs').expect(200)).body.data;
    expect(runs.map((run: { id: number }) => run.id)).toEqual([second.id, first.id]);
    const sizes = (await api('get', '/segments/sizes').expect(200)).body.data;
    expect(sizes['cluster-1']).toBeGreaterThan(0);
  });

  it("reports the demo's shadow candidate per segment: the one-read visitor diverges, the fan does not", async () => {
    const affinity = await readOneSportsArticle(app, 'one-sports-read');
    // Over the candidate's threshold (0.5), under the segment's (2.5).
    expect(affinity).toBeGreaterThan(0.5);
    expect(affinity).toBeLessThan(2.5);
    // The live rule still waits for the segment: shadow rules never serve.
    expect((await newsletterFor('one-sports-read')).personalization.variant).toBeNull();
    expect((await newsletterFor('sports-fan')).personalization.variant).toBe('sports');

    const report = (await api('get', '/rules/sports-newsletter-earlier/shadow-report').expect(200))
      .body.data;
    expect(report).toMatchObject({ status: 'shadow', shadowing: true, sampleRate: 1, errors: 0 });
    const bySegment = new Map(
      (report.segments as Array<{ segment: string; diverged: number; evaluated: number }>).map(
        (row) => [row.segment, row]
      )
    );
    expect(bySegment.get('sports-fans')).toMatchObject({ diverged: 0 });
    expect(bySegment.get('sports-fans')?.evaluated).toBeGreaterThan(0);
    expect(bySegment.get('(no segment)')?.diverged).toBeGreaterThanOrEqual(1);
    expect(report.examples[0].differences[0]).toMatchObject({ live: null, candidate: 'sports' });
  });
});
