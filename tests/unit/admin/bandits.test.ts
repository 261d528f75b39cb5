import type { BanditReport } from '../../../src/plugins/personalization/shared/contracts/bandits';
import {
  armRows,
  armsOf,
  formatShare,
  leadingArm,
  posteriorLabel,
  startingWeights,
  weightSeries,
} from '../../../src/plugins/personalization/admin/src/pages/experiments/banditView';

const plan = {
  arms: [
    { name: 'base', weight: 1 },
    { name: 'sports', weight: 3 },
  ],
  startedAt: '2026-05-01T10:00:00.000Z',
};

const figures = (weights: Record<string, number>, reweighted = true) => ({
  reweighted,
  weights,
  probabilities: reweighted ? weights : null,
  posteriors: {
    base: { kind: 'beta' as const, alpha: 2, beta: 9 },
    sports: { kind: 'beta' as const, alpha: 8, beta: 3 },
  },
  exposures: { base: 9, sports: 9 },
});

const settings = { cadenceMinutes: 60, burnIn: 5, floor: 0.01, seed: 1 };

const report: BanditReport = {
  experiment: 'newsletter-bandit',
  status: 'running',
  phase: 2,
  metric: 'sign-up',
  scopes: [
    { segment: '*', settings, current: null },
    {
      segment: 'sports-fans',
      settings,
      current: {
        ...figures({ base: 0.02, sports: 0.98 }),
        reweightedAt: '2026-05-01T12:00:00.000Z',
      },
    },
  ],
  reweights: [
    {
      ...figures({ base: 0.9, sports: 0.1 }),
      segment: '*',
      phase: 1,
      reweightedAt: '2026-04-30T09:00:00.000Z',
    },
    {
      ...figures({ base: 0.5, sports: 0.5 }, false),
      segment: 'sports-fans',
      phase: 2,
      reweightedAt: '2026-05-01T11:00:00.000Z',
    },
    {
      ...figures({ base: 0.02, sports: 0.98 }),
      segment: 'sports-fans',
      phase: 2,
      reweightedAt: '2026-05-01T12:00:00.000Z',
    },
  ],
};

describe('bandit results page helpers', () => {
  it('normalises the configured weights to shares', () => {
    expect(startingWeights(plan)).toEqual({ base: 0.25, sports: 0.75 });
    expect(startingWeights({ arms: [{ name: 'base', weight: 0 }] })).toEqual({ base: 0 });
  });

  it('lists the plan arms first, then arms only the bandit figures name', () => {
    const withOldArm: BanditReport = {
      ...report,
      reweights: [{ ...report.reweights[0], weights: { base: 0.5, retired: 0.5 } }],
    };
    expect(armsOf(withOldArm, plan)).toEqual(['base', 'sports', 'retired']);
    expect(armsOf(report, null)).toEqual(['base', 'sports']);
  });

  it('builds one scope’s weight series in percent for the current phase, from the start', () => {
    expect(weightSeries(report, 'sports-fans', ['base', 'sports'], plan)).toEqual([
      { at: plan.startedAt, time: '10:00:00', base: 25, sports: 75 },
      { at: '2026-05-01T11:00:00.000Z', time: '11:00:00', base: 50, sports: 50 },
      { at: '2026-05-01T12:00:00.000Z', time: '12:00:00', base: 2, sports: 98 },
    ]);
    // The global scope's only reweight was in phase 1: only the starting point is left.
    expect(weightSeries(report, '*', ['base', 'sports'], plan)).toHaveLength(1);
    expect(weightSeries(report, '*', ['base', 'sports'], null)).toEqual([]);
  });

  it('gives an arm missing from a reweight a weight of 0', () => {
    const [, point] = weightSeries(report, 'sports-fans', ['base', 'sports', 'kids'], plan);
    expect(point.kids).toBe(0);
  });

  it('fills a scope’s table from its current figures, or the configured weights before any', () => {
    const [global, sports] = report.scopes;
    expect(armRows(sports, ['base', 'sports'], plan)).toEqual([
      {
        arm: 'base',
        weight: 0.02,
        probability: 0.02,
        posterior: report.reweights[2].posteriors.base,
        exposures: 9,
      },
      {
        arm: 'sports',
        weight: 0.98,
        probability: 0.98,
        posterior: report.reweights[2].posteriors.sports,
        exposures: 9,
      },
    ]);
    expect(armRows(global, ['base', 'sports'], plan)).toEqual([
      { arm: 'base', weight: 0.25, probability: null, posterior: null, exposures: 0 },
      { arm: 'sports', weight: 0.75, probability: null, posterior: null, exposures: 0 },
    ]);
    expect(leadingArm(armRows(sports, ['base', 'sports'], plan))).toBe('sports');
    expect(leadingArm(armRows(global, ['base', 'sports'], null))).toBe('base');
    expect(leadingArm([])).toBeNull();
  });

  it('labels posteriors and shares for reading', () => {
    expect(posteriorLabel({ kind: 'beta', alpha: 3, beta: 1 })).toBe('Beta(α 3, β 1)');
    expect(posteriorLabel({ kind: 'normal', mean: 4.2, sd: 0.3104 })).toBe(
      'Normal(mean 4.20, sd 0.310)'
    );
    expect(posteriorLabel(null)).toBe('–');
    expect(formatShare(0.98)).toBe('98.0 %');
    expect(formatShare(null)).toBe('–');
  });
});
