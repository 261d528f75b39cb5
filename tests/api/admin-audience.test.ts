import { PERMISSIONS } from '../../src/plugins/personalization/shared/contracts/permissions';
import { adminLogin, createAdminUser, createRole, superAdminRoleId } from '../helpers/admin-users';
import { audienceCalls, viewEvent } from '../helpers/audience';
import { startStrapi, type TestApp } from '../helpers/strapi';

/** The Audience page's admin routes, each behind its audience permission. */
describe('audience admin routes (RBAC)', () => {
  let app: TestApp;
  const tokens: Record<'super' | 'reader' | 'nobody', string> = {
    super: '',
    reader: '',
    nobody: '',
  };

  const as = (who: keyof typeof tokens) => {
    const call = (method: 'get' | 'post' | 'delete', path: string) =>
      app.http()[method](`/personalization${path}`).set('Authorization', `Bearer ${tokens[who]}`);
    return {
      get: (path: string) => call('get', path),
      post: (path: string, body: object = {}) => call('post', path).send(body),
      delete: (path: string) => call('delete', path),
    };
  };

  beforeAll(async () => {
    app = await startStrapi({
      env: {
        PERSONALIZATION_TAGGING_ENABLED: 'false',
        PERSONALIZATION_CONSENT_DEFAULT_ANALYTICS: 'true',
      },
    });
    const reader = await createRole(app.strapi, 'Audience readers', [
      { action: PERMISSIONS.audienceRead },
    ]);
    const nobody = await createRole(app.strapi, 'No audience', [{ action: PERMISSIONS.rulesRead }]);
    const people = {
      super: {
        email: 'aud-super@example.com',
        password: 'Super-password-1',
        roles: [await superAdminRoleId(app.strapi)],
      },
      reader: { email: 'aud-reader@example.com', password: 'Reader-password-1', roles: [reader] },
      nobody: { email: 'aud-nobody@example.com', password: 'Nobody-password-1', roles: [nobody] },
    };
    for (const [who, { roles, ...credentials }] of Object.entries(people)) {
      await createAdminUser(app.strapi, credentials, roles);
      tokens[who as keyof typeof tokens] = await adminLogin(app, credentials);
    }
    const [article] = (await app.strapi
      .documents('api::article.article')
      .findMany({ limit: 1, status: 'published' })) as unknown as Array<{ documentId: string }>;
    await audienceCalls(app, { visitorId: 'admin-seen' })
      .events([viewEvent('a1', article.documentId)])
      .expect(202);
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('lets an audience reader see segments, runs and profiles, but change nothing', async () => {
    await as('reader').get('/segments').expect(200);
    await as('reader').get('/clustering/runs').expect(200);
    const profile = await as('reader').get('/profiles?visitorId=admin-seen').expect(200);
    expect(profile.body.data.profile.visits).toBe(1);
    await as('reader')
      .post('/segments', { name: 'x', condition: { field: 'profile.visits', op: 'gt', value: 0 } })
      .expect(403);
    await as('reader').post('/clustering/run').expect(403);
    await as('reader').delete('/visitors/admin-seen').expect(403);
  });

  it('refuses every audience route to a role without audience permissions', async () => {
    await as('nobody').get('/segments').expect(403);
    await as('nobody').get('/clustering/runs').expect(403);
    await as('nobody').get('/profiles?visitorId=admin-seen').expect(403);
  });

  it('lets a super admin create a segment, run the clustering and erase a visitor', async () => {
    await as('super')
      .post('/segments', {
        name: 'readers',
        condition: { field: 'profile.visits', op: 'gte', value: 1 },
      })
      .expect(201);
    const segments = await as('super').get('/segments').expect(200);
    expect(segments.body.data).toEqual([expect.objectContaining({ name: 'readers', members: 1 })]);
    const run = await as('super').post('/clustering/run').expect(200);
    expect(run.body.data.skipped).toMatch(/minProfiles/);
    const erased = await as('super').delete('/visitors/admin-seen').expect(200);
    expect(erased.body.data).toMatchObject({ events: 1, profiles: 1, segments: 1 });
    await as('super').get('/profiles?visitorId=admin-seen').expect(404);
  });
});
