import { Grid } from '@strapi/design-system';
import { NumberField, SelectField } from '../../../components/form/fields';
import { useT } from '../../../hooks/useT';
import type { BaselineKind } from '../experimentForm';
import type { FormBinding } from './formBinding';

/** The baseline's kind and its rate, or mean and sd (grid items of the plan section). */
export const BaselineFields = ({ form, set, readOnly, errorOf }: FormBinding) => {
  const t = useT();
  return (
    <>
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
    </>
  );
};
