import type { Dispatch, SetStateAction } from 'react';
import { Field, Grid, Toggle } from '@strapi/design-system';
import { NumberField, TextField } from '../../components/form/fields';
import { useT } from '../../hooks/useT';
import type { FlagForm } from './flagForm';

/** Name (new flags only), description, on/off and gradual rollout. */
export const FlagSettingsFields = ({
  form,
  setForm,
  isNew,
}: {
  form: FlagForm;
  setForm: Dispatch<SetStateAction<FlagForm>>;
  isNew: boolean;
}) => {
  const t = useT();
  return (
    <Grid.Root gap={4}>
      <Grid.Item col={4} alignItems="start">
        <TextField
          name="flag-name"
          label={t('flags.name')}
          value={form.name}
          onChange={(name) => setForm((current) => ({ ...current, name }))}
          disabled={!isNew}
        />
      </Grid.Item>
      <Grid.Item col={4} alignItems="start">
        <TextField
          name="flag-description"
          label={t('flags.description')}
          value={form.description}
          onChange={(description) => setForm((current) => ({ ...current, description }))}
        />
      </Grid.Item>
      <Grid.Item col={2} alignItems="start">
        <Field.Root name="flag-enabled" style={{ width: '100%' }}>
          <Field.Label>{t('flags.enabled')}</Field.Label>
          <Toggle
            onLabel={t('flags.on')}
            offLabel={t('flags.off')}
            checked={form.enabled}
            onChange={() => setForm((current) => ({ ...current, enabled: !current.enabled }))}
          />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={2} alignItems="start">
        <NumberField
          name="flag-rollout"
          label={t('flags.rollout')}
          hint={t('flags.rolloutHint')}
          value={form.rollout}
          onChange={(rollout) => setForm((current) => ({ ...current, rollout }))}
        />
      </Grid.Item>
    </Grid.Root>
  );
};
