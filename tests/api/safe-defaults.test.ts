import { startStrapi, type TestApp } from '../helpers/strapi';

describe('safe defaults', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startStrapi({ env: { SEED_DEMO_CONTENT: 'false', HOST: undefined } });
  });

  afterAll(async () => {
    await app.destroy();
  });

  it('binds to loopback when HOST is not set', () => {
    expect(app.strapi.config.get('server.host')).toBe('127.0.0.1');
  });

  it('never opens a browser on start', () => {
    expect(app.strapi.config.get('admin.autoOpen')).toBe(false);
  });

  it('lets browsers send the caller headers through CORS preflight', async () => {
    const response = await app
      .http()
      .options('/api/articles')
      .set('Origin', 'https://shop.example.com')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'x-visitor-id,x-visitor-traits,authorization');

    expect(response.status).toBe(204);
    const allowed = String(response.headers['access-control-allow-headers']).toLowerCase();
    expect(allowed).toContain('x-visitor-id');
    expect(allowed).toContain('x-visitor-traits');
  });

  it('grants the public role find and findOne on the demo types and no other content action', async () => {
    const publicRole = await app.strapi.db
      .query('plugin::users-permissions.role')
      .findOne({ where: { type: 'public' }, populate: ['permissions'] });
    // users-permissions' own login/register actions stay public so that JWT callers can sign in.
    const actions = (publicRole.permissions as { action: string }[])
      .map(({ action }) => action)
      .filter((action) => !action.startsWith('plugin::users-permissions.auth.'));
    expect(actions.sort()).toEqual([
      'api::article.article.find',
      'api::article.article.findOne',
      'api::promotion.promotion.find',
      'api::promotion.promotion.findOne',
    ]);
  });
});
