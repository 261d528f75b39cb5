import { createFullAccessToken } from '../helpers/api-token';
import { startStrapi, type TestApp } from '../helpers/strapi';

/** Issue 13: the statistics engine as pure endpoints for analysts (API token). */

describe('stats endpoints', () => {
  let app: TestApp;
  let token: string;
  let sampleSizeOnly: string;
  const post = (path: string, bearer = token) =>
    app.http().post(`/api/personalization/stats${path}`).set('Authorization', `Bearer ${bearer}`);

  beforeAll(async () => {
    app = await startStrapi({ env: { SEED_DEMO_RULES: 'false' } });
    token = await createFullAccessToken(app.strapi);
    const custom = await app.strapi.service('admin::api-token').create({
      name: `sample-size-only-${Date.now()}`,
      type: 'custom',
      lifespan: null,
      permissions: ['plugin::personalization.stats.sampleSize'],
    });
    sampleSizeOnly = custom.accessKey as string;
  });

  afterAll(async () => {
    await app.destroy();
  });

  it('reproduces R’s t.test(extra ~ group, data = sleep) from sums (Welch: t, df, p, CI)', async () => {
    // Sleep data: group 1 Σ = 7.5, Σx² = 34.43; group 2 Σ = 23.3, Σx² = 90.37 (n = 10 each).
    // R: t = -1.8608, df = 17.776, p-value = 0.07939, 95 % CI -3.3654832 0.2054832 (group 1 − 2).
    const response = await post('/analyze')
      .send({
        metric: 'mean',
        arms: [
          { name: 'group2', n: 10, sum: 23.3, sumSquares: 90.37 },
          { name: 'group1', n: 10, sum: 7.5, sumSquares: 34.43 },
        ],
      })
      .expect(200);
    const [comparison] = response.body.data.comparisons;
    expect(comparison.arm).toBe('group1');
    expect(comparison.testStatistic).toBeCloseTo(-1.8608, 4);
    expect(comparison.df).toBeCloseTo(17.776, 3);
    expect(comparison.pValue).toBeCloseTo(0.07939, 5);
    expect(comparison.absolute.ci[0]).toBeCloseTo(-3.3654832, 6);
    expect(comparison.absolute.ci[1]).toBeCloseTo(0.2054832, 6);
    expect(comparison.absolute.pValue).toBeCloseTo(0.07939, 5);
    expect(response.body.data.srm).toBeUndefined();
  });

  it('answers the pooled z test (Agresti’s aspirin data, X² = 25.01) and the SRM p-value when weights are given', async () => {
    const response = await post('/analyze')
      .send({
        metric: 'proportion',
        expectedWeights: [1, 1],
        arms: [
          { name: 'placebo', n: 11034, successes: 189 },
          { name: 'aspirin', n: 11037, successes: 104 },
        ],
      })
      .expect(200);
    const [comparison] = response.body.data.comparisons;
    expect(comparison.testStatistic ** 2).toBeCloseTo(25.0139, 4);
    expect(comparison.df).toBeUndefined();
    expect(comparison.relative.estimate).toBeCloseTo(104 / 11037 / (189 / 11034) - 1, 10);
    // 11034 vs 11037 of a 50/50 plan: χ² = 9/22071 ≈ 0.000408, p ≈ 0.984.
    expect(response.body.data.srm.pValue).toBeCloseTo(0.98389, 4);
  });

  it('uses the confidence sequence with the tuning sent (GrowthBook test_sequential_test_runs_prop)', async () => {
    const response = await post('/analyze')
      .send({
        metric: 'proportion',
        sequential: { tuning: 5000 },
        arms: [
          { name: 'control', n: 3000, successes: 1396 },
          { name: 'treatment', n: 3461, successes: 2422 },
        ],
      })
      .expect(200);
    const [comparison] = response.body.data.comparisons;
    expect(comparison.relative.ci[0]).toBeCloseTo(0.40098, 5);
    expect(comparison.relative.ci[1]).toBeCloseTo(0.60675, 5);
  });

  it('answers R’s power.prop.test(p1 = .5, p2 = .75, power = .9) and power.t.test(power = .9, delta = 1) rounded up', async () => {
    const proportion = await post('/sample-size')
      .send({ metric: 'proportion', baseline: { rate: 0.5 }, mde: 0.5, alpha: 0.05, power: 0.9 })
      .expect(200);
    expect(proportion.body.data).toEqual({ perArm: 77 });
    const mean = await post('/sample-size')
      .send({ metric: 'mean', baseline: { mean: 1, sd: 1 }, mde: 1, alpha: 0.05, power: 0.9 })
      .expect(200);
    expect(mean.body.data).toEqual({ perArm: 23 });
  });

  it.each([
    [
      'an unknown key',
      '/analyze',
      {
        metric: 'mean',
        colour: 'red',
        arms: [
          { name: 'a', n: 10, sum: 1, sumSquares: 1 },
          { name: 'b', n: 10, sum: 1, sumSquares: 1 },
        ],
      },
      /colour/,
    ],
    [
      'mean arms for a proportion metric',
      '/analyze',
      {
        metric: 'proportion',
        arms: [
          { name: 'a', n: 10, sum: 1, sumSquares: 1 },
          { name: 'b', n: 10, sum: 1, sumSquares: 1 },
        ],
      },
      /^arms\.0/,
    ],
    [
      'a single arm',
      '/analyze',
      { metric: 'proportion', arms: [{ name: 'a', n: 10, successes: 1 }] },
      /^arms: /,
    ],
    [
      'more successes than callers',
      '/analyze',
      {
        metric: 'proportion',
        arms: [
          { name: 'a', n: 10, successes: 11 },
          { name: 'b', n: 10, successes: 1 },
        ],
      },
      /^arms\.0\.successes/,
    ],
    [
      'impossible sums',
      '/analyze',
      {
        metric: 'mean',
        arms: [
          { name: 'a', n: 10, sum: 100, sumSquares: 1 },
          { name: 'b', n: 10, sum: 1, sumSquares: 1 },
        ],
      },
      /^arms\.0\.sumSquares/,
    ],
    [
      'weights that do not match the arms',
      '/analyze',
      {
        metric: 'proportion',
        expectedWeights: [1],
        arms: [
          { name: 'a', n: 10, successes: 1 },
          { name: 'b', n: 10, successes: 1 },
        ],
      },
      /^expectedWeights/,
    ],
    [
      'an unknown key in sequential',
      '/analyze',
      {
        metric: 'proportion',
        sequential: { tuning: 5000, rho: 1 },
        arms: [
          { name: 'a', n: 10, successes: 1 },
          { name: 'b', n: 10, successes: 1 },
        ],
      },
      /^sequential/,
    ],
    [
      'a mean baseline for a proportion metric',
      '/sample-size',
      { metric: 'proportion', baseline: { mean: 1, sd: 1 }, mde: 0.1, alpha: 0.05, power: 0.8 },
      /^baseline: a proportion metric takes \{ rate \}/,
    ],
    [
      'a rate baseline for a mean metric',
      '/sample-size',
      { metric: 'mean', baseline: { rate: 0.1 }, mde: 0.1, alpha: 0.05, power: 0.8 },
      /^baseline: a mean metric takes \{ mean, sd \}/,
    ],
    [
      'an MDE that pushes the rate past 1',
      '/sample-size',
      { metric: 'proportion', baseline: { rate: 0.6 }, mde: 1, alpha: 0.05, power: 0.8 },
      /^mde: /,
    ],
    [
      'no power',
      '/sample-size',
      { metric: 'proportion', baseline: { rate: 0.1 }, mde: 0.1, alpha: 0.05 },
      /^power: /,
    ],
    [
      'an unknown key in a sample-size request',
      '/sample-size',
      { metric: 'proportion', baseline: { rate: 0.1 }, mde: 0.1, alpha: 0.05, power: 0.8, days: 3 },
      /days/,
    ],
  ])('refuses %s with a 400 naming the field', async (_label, path, body, message) => {
    const response = await post(path).send(body).expect(400);
    expect(response.body.error.message).toMatch(message);
  });

  it('needs a token with the action: 403 for analyze with a sample-size-only token, 401/403 without one', async () => {
    await post('/sample-size', sampleSizeOnly)
      .send({ metric: 'proportion', baseline: { rate: 0.1 }, mde: 0.1, alpha: 0.05, power: 0.8 })
      .expect(200);
    await post('/analyze', sampleSizeOnly)
      .send({
        metric: 'proportion',
        arms: [
          { name: 'a', n: 10, successes: 1 },
          { name: 'b', n: 10, successes: 2 },
        ],
      })
      .expect(403);
    const anonymous = await app
      .http()
      .post('/api/personalization/stats/sample-size')
      .send({ metric: 'proportion', baseline: { rate: 0.1 }, mde: 0.1, alpha: 0.05, power: 0.8 });
    expect([401, 403]).toContain(anonymous.status);
  });
});
