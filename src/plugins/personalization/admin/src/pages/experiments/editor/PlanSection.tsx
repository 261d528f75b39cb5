import { Grid, Typography } from '@strapi/design-system';
import { NumberField } from '../../../components/form/fields';
import { Section } from '../../../components/Section';
import { useT } from '../../../hooks/useT';
import { sampleSizeRequest } from '../experimentForm';
import { BaselineFields } from './BaselineFields';
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
        <BaselineFields form={form} set={set} readOnly={readOnly} errorOf={errorOf} />
      </Grid.Root>
      <Typography variant="sigma">{t('experiments.sampleSize')}</Typography>
      <SampleSizeCalculator request={sampleSizeRequest(form)} arms={form.arms.length} />
    </Section>
  );
};
