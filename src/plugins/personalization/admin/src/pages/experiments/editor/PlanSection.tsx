import { Grid, Typography } from '@strapi/design-system';
import { NumberField, SelectField } from '../../../components/form/fields';
import { Section } from '../../../components/Section';
import { useT } from '../../../hooks/useT';
import { sampleSizeRequest, type BaselineKind } from '../experimentForm';
import { SampleSizeCalculator } from '../SampleSizeCalculator';
import type { FormBinding } from './formBinding';

/** Alpha, power, MDE, attribution window, baseline, and the sample size they need. */
export const PlanSection = ({ form, set, readOnly, errorOf }: FormBinding) => {
  const t = useT();
  return (
    <Section title={t('experiments.plan')}>
      <Grid.Root gap={4}>
        <Grid.Item col={3} alignItems="start">
          <NumberField
            name="alpha"
            label={t('experiments.alpha')}
            hint={t('experiments.alphaHint')}
            value={form.alpha}
            onChange={set('alpha')}
            disabled={readOnly('alpha')}
            error={errorOf('alpha')}
          />
        </Grid.Item>
        <Grid.Item col={3} alignItems="start">
          <NumberField
            name="power"
            label={t('experiments.power')}
            hint={t('experiments.powerHint')}
            value={form.power}
            onChange={set('power')}
            disabled={readOnly('power')}
            error={errorOf('power')}
          />
        </Grid.Item>
        <Grid.Item col={3} alignItems="start">
          <NumberField
            name="mde"
            label={t('experiments.mde')}
            hint={t('experiments.mdeHint')}
            value={form.mde}
            onChange={set('mde')}
            disabled={readOnly('mde')}
            error={errorOf('mde')}
          />
        </Grid.Item>
        <Grid.Item col={3} alignItems="start">
          <NumberField
            name="attributionWindowHours"
            label={t('experiments.attributionWindowHours')}
            value={form.attributionWindowHours}
            onChange={set('attributionWindowHours')}
            disabled={readOnly('attributionWindowHours')}
            error={errorOf('attributionWindowHours')}
          />
        </Grid.Item>
        <Grid.Item col={3} alignItems="start">
          <SelectField
            name="baselineKind"
            label={t('experiments.baseline')}
            value={form.baselineKind}
            onChange={(kind) => set('baselineKind')(kind as BaselineKind)}
            options={[
              { value: 'rate', label: t('experiments.baseline.rate') },
              { value: 'mean', label: t('experiments.baseline.mean') },
              { value: 'none', label: t('experiments.baseline.none') },
            ]}
            disabled={readOnly('baseline')}
            error={errorOf('baseline')}
          />
        </Grid.Item>
        {form.baselineKind === 'rate' && (
          <Grid.Item col={3} alignItems="start">
            <NumberField
              name="baselineRate"
              label={t('experiments.baselineRate')}
              hint={t('experiments.baselineRateHint')}
              value={form.baselineRate}
              onChange={set('baselineRate')}
              disabled={readOnly('baseline')}
            />
          </Grid.Item>
        )}
        {form.baselineKind === 'mean' && (
          <>
            <Grid.Item col={3} alignItems="start">
              <NumberField
                name="baselineMean"
                label={t('experiments.baselineMean')}
                value={form.baselineMean}
                onChange={set('baselineMean')}
                disabled={readOnly('baseline')}
              />
            </Grid.Item>
            <Grid.Item col={3} alignItems="start">
              <NumberField
                name="baselineSd"
                label={t('experiments.baselineSd')}
                value={form.baselineSd}
                onChange={set('baselineSd')}
                disabled={readOnly('baseline')}
              />
            </Grid.Item>
          </>
        )}
      </Grid.Root>
      <Typography variant="sigma">{t('experiments.sampleSize')}</Typography>
      <SampleSizeCalculator request={sampleSizeRequest(form)} arms={form.arms.length} />
    </Section>
  );
};
