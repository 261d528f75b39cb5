import { createFullAccessToken } from '../helpers/api-token';
import { startStrapi, type TestApp } from '../helpers/strapi';

type Promotion = { documentId: string; title: string; body: string };

describe('Liquid merge fields', () => {
  let app: TestApp;
  let token: string;
  let briefingId: string;

  const promotions = (headers: Record<string, string> = {}) =>
    app.http().get('/api/promotions').set(headers);
  const briefing = (body: { data: Promotion[] }) =>
    body.data.find((promotion) => promotion.documentId === briefingId) as Promotion;

  beforeAll(async () => {
    app = await startStrapi();
    token = await createFullAccessToken(app.strapi);
    const [first] = (await app.strapi.documents('api::promotion.promotion').findMany({
      filters: { title: 'Get the Morning Briefing' },
    })) as unknown as Promotion[];
    briefingId = first.documentId;
  });

  afterAll(async () => {
    await app.destroy();
  });

  it('renders a merge field for the caller and with its default for anonymous readers', async () => {
    const ada = await promotions({ 'X-Visitor-Traits': '{"firstName":"Ada"}' }).expect(200);
    expect(briefing(ada.body).body).toMatch(/^Ada, start each weekday/);
    const anonymous = await promotions().expect(200);
    expect(briefing(anonymous.body).body).toMatch(/^Hello, start each weekday/);
    expect(briefing(anonymous.body).body).not.toContain('{{');
  });

  it('previews the merge fields rendered, as the reader gets them', async () => {
    const preview = await app
      .http()
      .post('/api/personalization/preview')
      .set('Authorization', `Bearer ${token}`)
      .send({
        contentType: 'api::promotion.promotion',
        documentId: briefingId,
        caller: { visitorId: 'ada', traits: { firstName: 'Ada' } },
      })
      .expect(200);
    const served = await promotions({
      'X-Visitor-Id': 'ada',
      'X-Visitor-Traits': '{"firstName":"Ada"}',
    }).expect(200);
    expect(preview.body.data.content.body).toMatch(/^Ada, start each weekday/);
    expect(preview.body.data.content.body).toBe(briefing(served.body).body);
  });

  it('never serves one caller another caller’s merge values (60 callers in parallel)', async () => {
    const names = Array.from({ length: 60 }, (_, index) => `Reader${index}x`);
    const responses = await Promise.all(
      names.map((name, index) =>
        promotions({
          'X-Visitor-Id': `leak-${index}`,
          'X-Visitor-Traits': JSON.stringify({ firstName: name }),
        })
      )
    );
    responses.forEach((response, index) => {
      expect(response.status).toBe(200);
      const body = briefing(response.body).body;
      expect(body.startsWith(`${names[index]}, `)).toBe(true);
      const others = names.filter((name, other) => other !== index && body.includes(name));
      expect(others).toEqual([]);
    });
  });

  it.each([
    ['an unclosed output', 'Hi {{ visitor.traits.firstName', /^body: line 1, column \d+: /],
    [
      'an unknown filter',
      'Hi {{ visitor.traits.firstName | shout }}',
      /^body: line 1, column \d+: .*shout/,
    ],
    [
      'an unknown variable',
      'Hi {{ usr.name }}',
      /^body: line 1, column 7: undeclared variable "usr"/,
    ],
  ])('refuses %s when the entry is saved, storing nothing', async (_label, body, message) => {
    const before = await app.strapi.db.query('api::promotion.promotion').count();
    const response = await app
      .http()
      .post('/api/promotions')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Broken', body, ctaLabel: 'Go', ctaUrl: 'https://example.com/x' } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(message);
    expect(await app.strapi.db.query('api::promotion.promotion').count()).toBe(before);
  });
});
