import fs from 'node:fs';
import path from 'node:path';
import { ROOT, startStrapi, type TestApp } from '../helpers/strapi';

const pluginPackage = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'src/plugins/personalization/package.json'), 'utf8')
) as { version: string };

describe('plugin health: a public liveness probe, the report behind an admin session', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startStrapi({ env: { SEED_DEMO_CONTENT: 'false' } });
  });

  afterAll(async () => {
    await app.destroy();
  });

  it('answers the public probe with liveness only: no configuration, no decision counters', async () => {
    await app.http().get('/api/promotions').expect(200);
    const response = await app.http().get('/api/personalization/health').expect(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('keeps the admin copy of the report behind admin authentication', async () => {
    await app.http().get('/personalization/health').expect(401);
  });

  it('serves the configuration and the decision counters to a logged-in administrator', async () => {
    const credentials = { email: 'admin@example.com', password: 'Admin-password-1' };
    const superAdminRole = await app.strapi.service('admin::role').getSuperAdmin();
    await app.strapi.service('admin::user').create({
      ...credentials,
      firstname: 'Ada',
      lastname: 'Admin',
      isActive: true,
      roles: [superAdminRole.id],
    });
    const login = await app.http().post('/admin/login').send(credentials).expect(200);
    const token = login.body.data.token as string;
    await app.strapi.documents('api::promotion.promotion').create({
      data: { title: 'Counted', ctaLabel: 'Go', ctaUrl: 'https://example.com/go' },
      status: 'published',
    });
    await app.http().get('/api/promotions').expect(200);
    await app.http().get('/api/promotions').set('X-Visitor-Id', 'v1').expect(200);

    const response = await app
      .http()
      .get('/personalization/health')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      plugin: { name: 'personalization', version: pluginPackage.version },
      database: { client: app.database.client },
      delivery: { enabled: true },
      optedInTypes: [
        {
          uid: 'api::article.article',
          tagging: { fields: ['title', 'summary', 'body'] },
          variants: true,
        },
        { uid: 'api::promotion.promotion', tagging: { fields: ['title', 'body'] }, variants: true },
      ],
    });
    expect(response.body.decisions['no-context']).toBeGreaterThan(0);
    expect(response.body.decisions['no-rule']).toBeGreaterThan(0);
  });
});
