import { PERMISSIONS } from '../../src/plugins/personalization/shared/contracts/permissions';
import {
  adminLogin,
  adminUserId,
  createAdminUser,
  createRole,
  superAdminRoleId,
} from '../helpers/admin-users';
import { createFullAccessToken } from '../helpers/api-token';
import { startStrapi, type TestApp } from '../helpers/strapi';

const ARTICLE = 'api::article.article';

describe('admin routes of the personalization plugin (RBAC)', () => {
  let app: TestApp;
  let superToken: string;
  let readerToken: string;
  let nobodyToken: string;
  let blindToken: string;
  let creatorToken: string;
  let articleId: string;
  let ownArticleId: string;
  let variantId: string;

  const as = (token: string) => ({
    get: (path: string) =>
      app.http().get(`/personalization${path}`).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) =>
      app.http().post(`/personalization${path}`).set('Authorization', `Bearer ${token}`).send(body),
    put: (path: string, body: object = {}) =>
      app.http().put(`/personalization${path}`).set('Authorization', `Bearer ${token}`).send(body),
  });

  beforeAll(async () => {
    app = await startStrapi({ env: { PERSONALIZATION_TAGGING_ENABLED: 'false' } });
    const { strapi } = app;
    const reader = await createRole(strapi, 'Rule readers', [
      { action: PERMISSIONS.rulesRead },
      { action: 'plugin::content-manager.explorer.read', subject: ARTICLE },
    ]);
    const nobody = await createRole(strapi, 'No plugin access', []);
    // Rule readers who may not open entries in the Content Manager.
    const blind = await createRole(strapi, 'Rule readers without content', [
      { action: PERMISSIONS.rulesRead },
    ]);
    // Editors limited to the entries they created, as Strapi's "is creator" condition limits them.
    const creator = await createRole(strapi, 'Own entries only', [
      { action: PERMISSIONS.rulesRead },
      ...['read', 'create'].map((action) => ({
        action: `plugin::content-manager.explorer.${action}`,
        subject: ARTICLE,
        conditions: ['admin::is-creator'],
      })),
    ]);
    const users = [
      {
        email: 'super@example.com',
        password: 'Super-password-1',
        roles: [await superAdminRoleId(strapi)],
      },
      { email: 'reader@example.com', password: 'Reader-password-1', roles: [reader] },
      { email: 'nobody@example.com', password: 'Nobody-password-1', roles: [nobody] },
      { email: 'blind@example.com', password: 'Blind-password-1', roles: [blind] },
      { email: 'creator@example.com', password: 'Creator-password-1', roles: [creator] },
    ];
    for (const { roles, ...credentials } of users) {
      await createAdminUser(strapi, credentials, roles);
    }
    [superToken, readerToken, nobodyToken, blindToken, creatorToken] = await Promise.all(
      users.map(({ email, password }) => adminLogin(app, { email, password }))
    );
    const [article] = (await strapi
      .documents(ARTICLE)
      .findMany({ limit: 1, status: 'published' })) as unknown as { documentId: string }[];
    articleId = article.documentId;
    const creatorId = await adminUserId(strapi, 'creator@example.com');
    const own = (await strapi.documents(ARTICLE).create({
      data: {
        title: 'Written by the creator',
        slug: 'written-by-the-creator',
        category: 'science',
        createdBy: creatorId,
        updatedBy: creatorId,
      } as never,
    })) as unknown as { documentId: string };
    ownArticleId = own.documentId;
  });

  afterAll(async () => {
    await app.destroy();
  });

  it('registers every plugin action, audience ones included', () => {
    const registered = app.strapi
      .service('admin::permission')
      .actionProvider.values()
      .map((action: { actionId: string }) => action.actionId);
    expect(registered).toEqual(expect.arrayContaining(Object.values(PERMISSIONS)));
  });

  it('answers 401 without an admin session', async () => {
    await app.http().get('/personalization/templates').expect(401);
  });

  it('lets a super admin manage templates, rules and flags', async () => {
    await as(superToken).post('/templates', { name: 'everyone', body: 'premium' }).expect(201);
    await as(superToken)
      .post('/rules', { name: 'all-premium', contentType: ARTICLE, template: 'everyone' })
      .expect(201);
    const flags = await as(superToken).get('/flags').expect(200);
    expect(flags.body.data.map((flag: { name: string }) => flag.name)).toContain(
      'personalization.all-premium'
    );
    await as(superToken).put('/flags/personalization.all-premium', { enabled: true }).expect(200);
  });

  it('lets a role with rules.read read and preview but not change anything', async () => {
    const list = await as(readerToken).get('/templates').expect(200);
    expect(list.body.data.map((template: { name: string }) => template.name)).toContain('everyone');
    await as(readerToken).get('/rules').expect(200);
    const preview = await as(readerToken)
      .post('/preview', {
        contentType: ARTICLE,
        documentId: articleId,
        caller: { visitorId: 'v1' },
      })
      .expect(200);
    expect(preview.body.data.trace[0].rule).toBe('all-premium');

    await as(readerToken).post('/templates', { name: 'sneaky', body: 'x' }).expect(403);
    await as(readerToken).put('/rules/all-premium', { priority: 5 }).expect(403);
    await as(readerToken).get('/flags').expect(403);
    await as(readerToken).get(`/tags/${ARTICLE}/${articleId}`).expect(403);
  });

  it('answers 403 on every plugin area to a role without plugin permissions', async () => {
    await as(nobodyToken).get('/templates').expect(403);
    await as(nobodyToken).get('/rules').expect(403);
    await as(nobodyToken).get('/flags').expect(403);
    await as(nobodyToken).post('/preview', {}).expect(403);
    await as(nobodyToken).get(`/tags/${ARTICLE}/${articleId}`).expect(403);
    await as(nobodyToken).post(`/tagging/rescan/${ARTICLE}`).expect(403);
  });

  it('checks the content manager permission of the type for variants', async () => {
    await as(nobodyToken).get(`/variants/${ARTICLE}/${articleId}`).expect(403);
    await as(readerToken).get(`/variants/${ARTICLE}/${articleId}`).expect(200);
    await as(readerToken).post(`/variants/${ARTICLE}/${articleId}`, { key: 'vip' }).expect(403);
  });

  it('creates a draft variant copied from its base for an editor allowed to create entries', async () => {
    const created = await as(superToken)
      .post(`/variants/${ARTICLE}/${articleId}`, { key: 'vip' })
      .expect(201);
    expect(created.body.data.key).toBe('vip');
    variantId = created.body.data.documentId;
    const stored = (await app.strapi.documents(ARTICLE).findOne({
      documentId: created.body.data.documentId,
      status: 'draft',
      populate: ['variantOf'],
    } as never)) as unknown as {
      variantKey: string;
      slug: string;
      variantOf: { documentId: string };
    };
    expect(stored.variantKey).toBe('vip');
    expect(stored.variantOf.documentId).toBe(articleId);
    expect(stored.slug.endsWith('-vip')).toBe(true);

    const listed = await as(readerToken).get(`/variants/${ARTICLE}/${articleId}`).expect(200);
    expect(listed.body.data).toEqual([
      expect.objectContaining({ key: 'vip', documentId: created.body.data.documentId }),
    ]);
    const twice = await as(superToken)
      .post(`/variants/${ARTICLE}/${articleId}`, { key: 'vip' })
      .expect(400);
    expect(twice.body.error.message).toMatch(/vip/);
  });

  it('lists base entries for the preview picker, never variants', async () => {
    const response = await as(readerToken).get(`/entries/${ARTICLE}?status=draft`).expect(200);
    const ids = response.body.data.map((entry: { documentId: string }) => entry.documentId);
    expect(ids).toContain(articleId);
    expect(ids).not.toContain(variantId);
    expect(response.body.data.length).toBeGreaterThan(1);
  });

  it('queues a forced re-tagging of one entry for a tags manager only', async () => {
    await as(readerToken).post(`/tagging/rescan/${ARTICLE}/${articleId}`).expect(403);
    const queued = await as(superToken).post(`/tagging/rescan/${ARTICLE}/${articleId}`).expect(202);
    expect(queued.body.data).toMatchObject({ kind: 'entry', uid: ARTICLE, documentId: articleId });
  });

  it('offers the single-entry re-tag on the content API too, with an API token', async () => {
    const token = await createFullAccessToken(app.strapi);
    await app
      .http()
      .post(`/api/personalization/tagging/rescan/${ARTICLE}/${articleId}`)
      .expect(403);
    const queued = await app
      .http()
      .post(`/api/personalization/tagging/rescan/${ARTICLE}/${articleId}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(202);
    expect(queued.body.data).toMatchObject({ kind: 'entry', documentId: articleId, force: true });
  });

  it('previews a draft only for a role with the Content Manager read permission on the type', async () => {
    const body = { contentType: ARTICLE, documentId: articleId, caller: { visitorId: 'v1' } };
    const refused = await as(blindToken)
      .post('/preview', { ...body, status: 'draft' })
      .expect(403);
    expect(refused.body.error.message).toMatch(/may not read entries of api::article\.article/);
    await as(blindToken).post('/preview', body).expect(200);
    await as(readerToken)
      .post('/preview', { ...body, status: 'draft' })
      .expect(200);
  });

  it('lists draft entries for the picker only to a role that may read them', async () => {
    await as(blindToken).get(`/entries/${ARTICLE}?status=draft`).expect(403);
    const own = await as(creatorToken).get(`/entries/${ARTICLE}?status=draft`).expect(200);
    expect(own.body.data.map((entry: { documentId: string }) => entry.documentId)).toEqual([
      ownArticleId,
    ]);
  });

  it('keeps a role limited to its own entries away from the variants of other entries', async () => {
    const others = await as(creatorToken).get(`/variants/${ARTICLE}/${articleId}`).expect(403);
    expect(others.body.error.message).toMatch(/may not read this entry/);
    await as(creatorToken).post(`/variants/${ARTICLE}/${articleId}`, { key: 'mine' }).expect(403);
    await as(creatorToken)
      .post('/preview', {
        contentType: ARTICLE,
        documentId: articleId,
        status: 'draft',
        caller: { visitorId: 'v1' },
      })
      .expect(403);
    await as(creatorToken).get(`/variants/${ARTICLE}/doesnotexist123`).expect(404);
  });

  it('lets a role limited to its own entries copy them, listing only the variants it may read', async () => {
    const created = await as(creatorToken)
      .post(`/variants/${ARTICLE}/${ownArticleId}`, { key: 'mine' })
      .expect(201);
    await as(superToken)
      .post(`/variants/${ARTICLE}/${ownArticleId}`, { key: 'theirs' })
      .expect(201);

    const listed = await as(creatorToken).get(`/variants/${ARTICLE}/${ownArticleId}`).expect(200);
    expect(listed.body.data).toEqual([
      expect.objectContaining({ key: 'mine', documentId: created.body.data.documentId }),
    ]);
    const all = await as(superToken).get(`/variants/${ARTICLE}/${ownArticleId}`).expect(200);
    expect(all.body.data.map((variant: { key: string }) => variant.key)).toEqual([
      'mine',
      'theirs',
    ]);
    await as(creatorToken)
      .post('/preview', {
        contentType: ARTICLE,
        documentId: ownArticleId,
        status: 'draft',
        caller: { visitorId: 'v1' },
      })
      .expect(200);
  });
});

describe('admin flags route with a real Unleash server configured', () => {
  let app: TestApp;
  let token: string;
  const unleashUrl = 'http://127.0.0.1:9/api/';

  beforeAll(async () => {
    app = await startStrapi({
      env: {
        SEED_DEMO_CONTENT: 'false',
        PERSONALIZATION_TAGGING_ENABLED: 'false',
        // Nothing listens on port 9: flags fail closed, and the admin still learns where they live.
        UNLEASH_URL: unleashUrl,
        UNLEASH_API_TOKEN: 'default:development.unused',
        UNLEASH_TIMEOUT_MS: '500',
      },
    });
    const credentials = { email: 'flags@example.com', password: 'Flags-password-1' };
    await createAdminUser(app.strapi, credentials, [await superAdminRoleId(app.strapi)]);
    token = await adminLogin(app, credentials);
  });

  afterAll(async () => {
    await app.destroy();
  });

  it('lists flags as remote with the Unleash URL the panel links to, and refuses writes', async () => {
    const list = await app
      .http()
      .get('/personalization/flags')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(list.body.meta).toEqual({ mode: 'remote', unleashUrl });
    const write = await app
      .http()
      .put('/personalization/flags/anything')
      .set('Authorization', `Bearer ${token}`)
      .send({ enabled: true })
      .expect(400);
    expect(write.body.error.message).toContain('Unleash');
  });
});
