import { FROZEN_FIELDS } from '../../../src/plugins/personalization/server/src/core/experiments/plan';
import {
  EXPERIMENT_FROZEN_FIELDS,
  type ExperimentRecord,
} from '../../../src/plugins/personalization/shared/contracts/experiment-records';
import type {
  ExperimentResults,
  MetricResult,
} from '../../../src/plugins/personalization/shared/contracts/experiments';
import {
  armShares,
  emptyExperimentForm,
  experimentToForm,
  fieldOfError,
  formToBody,
  isReadOnly,
  sampleSizeRequest,
  type ExperimentForm,
} from '../../../src/plugins/personalization/admin/src/pages/experiments/experimentForm';
import {
  cumulativeExposures,
  formatLift,
  formatPValue,
  liftDomain,
  liftRows,
  liftTicks,
  niceCeiling,
  shipState,
} from '../../../src/plugins/personalization/admin/src/pages/experiments/resultsView';
import { readPerArm } from '../../../src/plugins/personalization/admin/src/pages/experiments/sampleSize';

const record: ExperimentRecord = {
  name: 'newsletter-sports',
  hypothesis: 'The sports edition gets more sign-ups',
  contentType: 'api::promotion.promotion',
  entryFilter: { documentIds: ['abc'] },
  arms: [
    { name: 'base', weight: 1 },
    { name: 'sports', weight: 3 },
  ],
  targeting: { segments: ['sports-fans'], flag: 'beta' },
  primaryMetric: { name: 'sign-up', kind: 'proportion', events: ['conversion', 'click'] },
  guardrailMetrics: [{ name: 'dwell', kind: 'mean', event: 'dwell', aggregate: 'sum', entry: 'x' }],
  alpha: 0.01,
  power: 0.9,
  mde: 0.05,
  attributionWindowHours: 24,
  baseline: { rate: 0.2 },
  status: 'draft',
  phase: 1,
  plan: null,
  decision: null,
  startedAt: null,
  stoppedAt: null,
};

const filled = (change: Partial<ExperimentForm> = {}): ExperimentForm => ({
  ...emptyExperimentForm(),
  name: 'promo',
  hypothesis: 'h',
  contentType: 'api::promotion.promotion',
  arms: [
    { name: 'base', weight: 1 },
    { name: 'sports', weight: 1 },
  ],
  ...change,
});

describe('experiment form', () => {
  it('round-trips every field of a record through the form into the update body', () => {
    const body = formToBody(experimentToForm(record), { isNew: false });
    const readOnly = ['name', 'status', 'phase', 'plan', 'decision', 'startedAt', 'stoppedAt'];
    const editable = Object.fromEntries(
      Object.entries(record).filter(([key]) => !readOnly.includes(key))
    );
    expect(body).toEqual(editable);
    expect(body).not.toHaveProperty('name');
  });

  it('names the experiment only on create and asks for a new phase only when told', () => {
    expect(formToBody(filled(), { isNew: true })).toMatchObject({ name: 'promo' });
    expect(formToBody(filled(), { isNew: false, newPhase: true })).toMatchObject({
      newPhase: true,
    });
    expect(formToBody(filled(), { isNew: false })).not.toHaveProperty('newPhase');
  });

  it('sends empty lists as no filter and no targeting', () => {
    const body = formToBody(filled({ filterDocumentIds: ' , ', segments: '' }), { isNew: true });
    expect(body.entryFilter).toBeNull();
    expect(body.targeting).toEqual({});
  });

  it.each<[string, Partial<ExperimentForm>, RegExp]>([
    ['an arm without weight', { arms: [{ name: 'base', weight: undefined }] }, /^arms\.0\.weight/],
    ['no alpha', { alpha: undefined }, /^alpha: a number/],
    [
      'a proportion metric with no event',
      {
        primaryMetric: { ...emptyExperimentForm().primaryMetric, conversion: false, click: false },
      },
      /^primaryMetric\.events/,
    ],
    [
      'an unnamed guardrail',
      { guardrailMetrics: [{ ...emptyExperimentForm().primaryMetric, name: ' ' }] },
      /^guardrailMetrics\.0\.name/,
    ],
    [
      'a mean baseline without sd',
      { baselineKind: 'mean', baselineMean: 3 },
      /^baseline\.sd: a number/,
    ],
  ])('refuses %s with the field named', (_, change, message) => {
    expect(() => formToBody(filled(change), { isNew: true })).toThrow(message);
  });

  it('sends a mean metric with its event and aggregate, and a mean baseline', () => {
    const body = formToBody(
      filled({
        primaryMetric: {
          ...emptyExperimentForm().primaryMetric,
          kind: 'mean',
          event: 'scroll',
          aggregate: 'max',
        },
        baselineKind: 'mean',
        baselineMean: 40,
        baselineSd: 12,
      }),
      { isNew: true }
    );
    expect(body.primaryMetric).toEqual({
      name: 'conversion',
      kind: 'mean',
      event: 'scroll',
      aggregate: 'max',
    });
    expect(body.baseline).toEqual({ mean: 40, sd: 12 });
  });

  it('keeps the admin list of frozen fields equal to the server core one', () => {
    expect([...EXPERIMENT_FROZEN_FIELDS]).toEqual([...FROZEN_FIELDS]);
  });

  it.each<[ExperimentRecord['status'] | null, string, boolean, boolean]>([
    [null, 'arms', false, false],
    ['draft', 'hypothesis', false, false],
    ['running', 'arms', false, true],
    ['running', 'baseline', false, true],
    ['running', 'arms', true, false],
    ['stopped', 'hypothesis', true, true],
    ['archived', 'alpha', false, true],
  ])('status %s: %s (new phase %s) read-only is %s', (status, field, newPhase, expected) => {
    expect(isReadOnly(status, field, newPhase)).toBe(expected);
  });

  it('reads the field a server message names', () => {
    expect(fieldOfError('arms: frozen since experiment "x" started')).toBe('arms');
    expect(fieldOfError('arms.1.weight: too big')).toBe('arms');
    expect(fieldOfError('experiment "x" already exists')).toBe('experiment');
    expect(fieldOfError('')).toBeNull();
  });

  it('asks the sample size only when the baseline fits the primary metric', () => {
    expect(sampleSizeRequest(filled())).toEqual({
      metric: 'proportion',
      baseline: { rate: 0.1 },
      mde: 0.1,
      alpha: 0.05,
      power: 0.8,
    });
    expect(sampleSizeRequest(filled({ baselineKind: 'none' }))).toBeNull();
    expect(sampleSizeRequest(filled({ baselineRate: 1 }))).toBeNull();
    expect(sampleSizeRequest(filled({ mde: undefined }))).toBeNull();
    expect(
      sampleSizeRequest(filled({ baselineKind: 'mean', baselineMean: 5, baselineSd: 2 }))
    ).toBeNull();
    const mean = filled({
      primaryMetric: { ...emptyExperimentForm().primaryMetric, kind: 'mean' },
      baselineKind: 'mean',
      baselineMean: 5,
      baselineSd: 2,
    });
    expect(sampleSizeRequest(mean)?.baseline).toEqual({ mean: 5, sd: 2 });
  });

  it('shows each arm its share of the weights, and none for bad weights', () => {
    expect(
      armShares([
        { name: 'base', weight: 1 },
        { name: 'a', weight: 3 },
      ])
    ).toEqual([0.25, 0.75]);
    expect(
      armShares([
        { name: 'base', weight: undefined },
        { name: 'a', weight: -1 },
      ])
    ).toEqual([0, 0]);
  });

  it('reads callers per arm from the sample-size answer only when it is a number', () => {
    expect(readPerArm({ data: { perArm: 3623 } })).toBe(3623);
    expect(readPerArm({ perArm: 3623 })).toBeNull();
    expect(readPerArm({ data: { perArm: 'many' } })).toBeNull();
    expect(readPerArm(null)).toBeNull();
  });
});

const metric: MetricResult = {
  name: 'sign-up',
  kind: 'proportion',
  primary: true,
  arms: [],
  comparisons: [
    {
      arm: 'sports',
      absolute: { estimate: 0.02, ci: [0.01, 0.03], pValue: 0.001 },
      relative: { estimate: 0.2, ci: [0.05, 0.4] },
      method: 'sequential',
      testStatistic: 3.3,
      pValue: 0.001,
      significant: true,
    },
  ],
};

const results = (change: Partial<ExperimentResults> = {}): ExperimentResults => ({
  experiment: { name: 'x', status: 'running', phase: 1, decision: null, mode: 'ab' },
  plan: null,
  exposures: { total: 0, perArm: [] },
  srm: { pValue: 0.5, warning: false },
  timeline: [],
  power: { plannedPerArm: null, reached: null, expectedDaysLeft: null },
  metrics: [metric],
  recommendation: { action: 'keep-running', arm: null, reason: 'below plan' },
  ...change,
});

describe('results view', () => {
  it('turns a comparison into a lift bar in percent with its error bar', () => {
    const [row] = liftRows(metric);
    expect(row.arm).toBe('sports');
    expect(row.estimate).toBeCloseTo(20);
    expect(row.lower).toBeCloseTo(5);
    expect(row.upper).toBeCloseTo(40);
    expect(row.error[0]).toBeCloseTo(15);
    expect(row.error[1]).toBeCloseTo(20);
    expect(row.significant).toBe(true);
  });

  it('centres the lift axis on zero and keeps every interval inside', () => {
    expect(liftDomain(liftRows(metric))).toEqual([-50, 50]);
    expect(liftDomain([])).toEqual([-1, 1]);
    expect(liftTicks([-50, 50])).toEqual([-50, -25, 0, 25, 50]);
  });

  it.each([
    [0.3, 0.5],
    [1, 1],
    [1.01, 2],
    [44, 50],
    [768.2, 1000],
    [150, 200],
  ])('rounds an axis bound of %s up to %s', (value, expected) => {
    expect(niceCeiling(value)).toBeCloseTo(expected);
  });

  it('accumulates exposures per arm by day from zero, carrying totals over days an arm had none', () => {
    const points = cumulativeExposures(
      [
        { day: '2026-12-02', arm: 'base', exposures: 4 },
        { day: '2026-12-01', arm: 'base', exposures: 10 },
        { day: '2026-12-01', arm: 'sports', exposures: 9 },
      ],
      ['base', 'sports']
    );
    expect(points).toEqual([
      { day: 'start', base: 0, sports: 0 },
      { day: '2026-12-01', base: 10, sports: 9 },
      { day: '2026-12-02', base: 14, sports: 9 },
    ]);
  });

  it('lets a running experiment ship the recommended or best arm', () => {
    expect(shipState(results())).toEqual({ allowed: true, arm: 'sports', reason: null });
    expect(
      shipState(results({ recommendation: { action: 'ship', arm: 'gold', reason: 'won' } })).arm
    ).toBe('gold');
  });

  it('blocks shipping on a sample ratio mismatch, when not running, or without results', () => {
    expect(shipState(results({ srm: { pValue: 1e-6, warning: true } }))).toMatchObject({
      allowed: false,
      reason: 'sample ratio mismatch',
    });
    expect(
      shipState(
        results({
          experiment: { name: 'x', status: 'stopped', phase: 1, decision: null, mode: 'ab' },
        })
      )
    ).toMatchObject({ allowed: false, reason: 'the experiment is stopped' });
    expect(shipState(results({ metrics: [{ ...metric, comparisons: [] }] }))).toMatchObject({
      allowed: false,
      arm: null,
    });
  });

  it('formats lifts with their sign and p-values with a floor', () => {
    expect(formatLift(0.1234)).toBe('+12.3 %');
    expect(formatLift(-0.05)).toBe('−5.0 %');
    expect(formatPValue(0.04567)).toBe('0.0457');
    expect(formatPValue(0.00001)).toBe('< 0.0001');
  });
});
