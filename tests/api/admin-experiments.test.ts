import { PERMISSIONS } from '../../src/plugins/personalization/shared/contracts/permissions';
import { adminLogin, createAdminUser, createRole, superAdminRoleId } from '../helpers/admin-users';
import { startStrapi, type TestApp } from '../helpers/strapi';

/** Issue 13: the experiments admin routes, their permissions, and "ship" through a rule. */

const PROMOTION = 'api::promotion.promotion';

describe('admin routes of experiments (RBAC, ship, sample size)', () => {
  let app: TestApp;
  let managerToken: string;
  let readerToken: string;
  let nobodyToken: string;
  let newsletterId: string;

  const as = (token: string) => ({
    get: (path: string) =>
      app.http().get(`/personalization${path}`).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) =>
      app.http().post(`/personalization${path}`).set('Authorization', `Bearer ${token}`).send(body),
    put: (path: string, body: object = {}) =>
      app.http().put(`/personalization${path}`).set('Authorization', `Bearer ${token}`).send(body),
    del: (path: string) =>
      app.http().delete(`/personalization${path}`).set('Authorization', `Bearer ${token}`),
  });

  const experiment = (name: string) => ({
    name,
    hypothesis: 'The sports edition gets more sign-ups',
    contentType: PROMOTION,
    entryFilter: { documentIds: [newsletterId] },
    arms: [
      { name: 'base', weight: 1 },
      { name: 'sports', weight: 1 },
    ],
    primaryMetric: { name: 'sign-up', kind: 'proportion', events: ['conversion'] },
    baseline: { rate: 0.1 },
  });

  beforeAll(async () => {
    // The demo rules bring the sports variant of the newsletter promotion.
    app = await startStrapi({
      env: { PERSONALIZATION_TAGGING_ENABLED: 'false', SEED_DEMO_RULES: 'true' },
    });
    const { strapi } = app;
    const reader = await createRole(strapi, 'Experiment readers', [
      { action: PERMISSIONS.experimentsRead },
    ]);
    const nobody = await createRole(strapi, 'Rule readers only', [
      { action: PERMISSIONS.rulesRead },
    ]);
    const users = [
      { email: 'exp-super@example.com', password: 'Super-password-1', roles: [] as number[] },
      { email: 'exp-reader@example.com', password: 'Reader-password-1', roles: [reader] },
      { email: 'exp-nobody@example.com', password: 'Nobody-password-1', roles: [nobody] },
    ];
    users[0].roles = [await superAdminRoleId(strapi)];
    for (const { roles, ...credentials } of users) {
      await createAdminUser(strapi, credentials, roles);
    }
    [managerToken, readerToken, nobodyToken] = await Promise.all(
      users.map(({ email, password }) => adminLogin(app, { email, password }))
    );
    const [newsletter] = (await strapi.documents(PROMOTION).findMany({
      status: 'published',
      filters: { variantKey: { $null: true }, ctaUrl: 'https://example.com/newsletter' },
      limit: 1,
    } as never)) as unknown as Array<{ documentId: string }>;
    newsletterId = newsletter.documentId;
  });

  afterAll(async () => {
    await app.destroy();
  });

  it('registers experiments.read and experiments.manage', () => {
    const registered = app.strapi
      .service('admin::permission')
      .actionProvider.values()
      .map((action: { actionId: string }) => action.actionId);
    expect(registered).toEqual(
      expect.arrayContaining([PERMISSIONS.experimentsRead, PERMISSIONS.experimentsManage])
    );
  });

  it('lets a manager create, refuses a frozen edit naming the field once started', async () => {
    const created = await as(managerToken).post('/experiments', experiment('admin-ab')).expect(201);
    expect(created.body.data).toMatchObject({ name: 'admin-ab', status: 'draft', alpha: 0.05 });
    await as(managerToken).put('/experiments/admin-ab', { mde: 0.2 }).expect(200);
    const started = await as(managerToken).post('/experiments/admin-ab/start').expect(200);
    expect(started.body.data.plan).toMatchObject({ mde: 0.2, sequentialTuning: 5000 });

    const refused = await as(managerToken)
      .put('/experiments/admin-ab', { alpha: 0.01 })
      .expect(400);
    expect(refused.body.error.message).toMatch(/^alpha: frozen/);
    const stored = await as(managerToken).get('/experiments/admin-ab').expect(200);
    expect(stored.body.data.alpha).toBe(0.05);
  });

  it('lets a reader list, read results and size samples, but not change anything', async () => {
    const list = await as(readerToken).get('/experiments').expect(200);
    expect(list.body.data.map((row: { name: string }) => row.name)).toContain('admin-ab');
    await as(readerToken).get('/experiments/admin-ab').expect(200);
    await as(readerToken).get('/experiments/admin-ab/results').expect(200);
    const size = await as(readerToken)
      .post('/stats/sample-size', {
        metric: 'proportion',
        baseline: { rate: 0.1 },
        mde: 0.1,
        alpha: 0.05,
        power: 0.8,
      })
      .expect(200);
    expect(size.body.data.perArm).toBeGreaterThan(10_000);
    expect(size.body.data.perArm).toBeLessThan(20_000);

    await as(readerToken).post('/experiments', experiment('sneaky')).expect(403);
    await as(readerToken).put('/experiments/admin-ab', { hypothesis: 'x' }).expect(403);
    await as(readerToken).post('/experiments/admin-ab/ship', { arm: 'sports' }).expect(403);
    await as(readerToken).post('/experiments/admin-ab/stop', { decision: 'keep-base' }).expect(403);
    await as(readerToken).del('/experiments/admin-ab').expect(403);
    await as(managerToken).get('/experiments/sneaky').expect(404);
  });

  it('answers 403 to an admin without experiment permissions, 401 without a session', async () => {
    await as(nobodyToken).get('/experiments').expect(403);
    await as(nobodyToken).get('/experiments/admin-ab/results').expect(403);
    await as(nobodyToken).post('/stats/sample-size', {}).expect(403);
    await app.http().get('/personalization/experiments').expect(401);
  });

  it('serves a bandit report to readers and its reweight to managers only', async () => {
    await as(managerToken)
      .post('/experiments', {
        ...experiment('admin-bandit'),
        mode: 'bandit',
        bandit: { settings: { burnIn: 5, seed: 3 } },
      })
      .expect(201);
    await as(managerToken).post('/experiments/admin-bandit/start').expect(200);
    const report = await as(readerToken).get('/experiments/admin-bandit/bandit').expect(200);
    expect(report.body.data).toMatchObject({ experiment: 'admin-bandit', reweights: [] });
    expect(report.body.data.scopes.map((scope: { segment: string }) => scope.segment)).toEqual([
      '*',
    ]);
    await as(readerToken).post('/experiments/admin-bandit/bandit/reweight').expect(403);
    await as(nobodyToken).get('/experiments/admin-bandit/bandit').expect(403);
    const reweighted = await as(managerToken)
      .post('/experiments/admin-bandit/bandit/reweight')
      .expect(200);
    // No exposure yet: still in burn-in, so the configured weights are kept and recorded.
    expect(reweighted.body.data.scopes[0].current).toMatchObject({
      reweighted: false,
      weights: { base: 0.5, sports: 0.5 },
    });
    const ab = await as(managerToken).get('/experiments/admin-ab/bandit').expect(400);
    expect(ab.body.error.message).toMatch(/is not a bandit/);
    // It shares the newsletter with admin-ab, whose shipping test follows.
    await as(managerToken)
      .post('/experiments/admin-bandit/stop', { decision: 'keep-base' })
      .expect(200);
  });

  it('refuses a sample-size question that does not fit, naming the field', async () => {
    const response = await as(readerToken)
      .post('/stats/sample-size', {
        metric: 'mean',
        baseline: { rate: 0.1 },
        mde: 0.1,
        alpha: 0.05,
        power: 0.8,
      })
      .expect(400);
    expect(response.body.error.message).toMatch(/^baseline: /);
  });

  it('ships an arm: the experiment stops and a rule with its flag on serves the arm', async () => {
    const bad = await as(managerToken)
      .post('/experiments/admin-ab/ship', { arm: 'base' })
      .expect(400);
    expect(bad.body.error.message).toMatch(/^arm: /);
    await as(managerToken)
      .post('/experiments/admin-ab/ship', { arm: 'sports', colour: 'red' })
      .expect(400);

    const shipped = await as(managerToken)
      .post('/experiments/admin-ab/ship', { arm: 'sports' })
      .expect(200);
    expect(shipped.body.data).toMatchObject({
      rule: 'experiment-admin-ab',
      experiment: { status: 'stopped', decision: { action: 'ship', arm: 'sports' } },
    });
    const rule = await as(managerToken).get('/rules/experiment-admin-ab').expect(200);
    expect(rule.body.data).toMatchObject({ contentType: PROMOTION, status: 'active' });
    const flag = await as(managerToken)
      .get('/flags/personalization.experiment-admin-ab')
      .expect(200);
    expect(flag.body.data.enabled).toBe(true);

    const served = await app
      .http()
      .get(`/api/promotions/${newsletterId}`)
      .set('X-Visitor-Id', 'after-ship')
      .expect(200);
    expect(served.body.data.personalization).toMatchObject({
      variant: 'sports',
      reason: 'rule',
      rule: { name: 'experiment-admin-ab' },
    });
    // Shipping twice is refused: the experiment is no longer running.
    await as(managerToken).post('/experiments/admin-ab/ship', { arm: 'sports' }).expect(400);
  });
});
