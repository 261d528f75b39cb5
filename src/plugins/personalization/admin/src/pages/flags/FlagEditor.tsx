import { useState } from 'react';
import { Button, Field, Flex, Grid, IconButton, Toggle, Typography } from '@strapi/design-system';
import { Check, Plus, Trash } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { usePluginApi } from '../../api';
import { NumberField, TextField } from '../../components/form/fields';
import { Section } from '../../components/Section';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errorMessage';
import { flagBody, variantShares, type FlagForm } from './flagForm';

interface Props {
  initial: FlagForm;
  isNew: boolean;
  onSaved: () => void;
  onCancel: () => void;
}

/** One local flag: on/off, gradual rollout, and variants with relative weights. */
export const FlagEditor = ({ initial, isNew, onSaved, onCancel }: Props) => {
  const t = useT();
  const api = usePluginApi();
  const { toggleNotification } = useNotification();
  const [form, setForm] = useState(initial);
  const shares = variantShares(form.variants);
  const setVariant = (index: number, patch: Partial<FlagForm['variants'][number]>) =>
    setForm((current) => ({
      ...current,
      variants: current.variants.map((variant, at) =>
        at === index ? { ...variant, ...patch } : variant
      ),
    }));

  const save = async () => {
    try {
      await api.saveFlag(isNew ? null : form.name, flagBody(form, isNew));
      toggleNotification({ type: 'success', message: t('flags.saved') });
      onSaved();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  return (
    <Section
      title={isNew ? t('flags.new') : t('flags.editing', { name: form.name })}
      actions={
        <Flex gap={2}>
          <Button variant="tertiary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button startIcon={<Check />} onClick={save}>
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
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
      <Typography variant="delta" tag="h3">
        {t('flags.variants')}
      </Typography>
      {form.variants.length === 0 && <Typography>{t('flags.noVariants')}</Typography>}
      {form.variants.map((variant, index) => (
        <Grid.Root key={index} gap={3}>
          <Grid.Item col={5} alignItems="end">
            <TextField
              name={`variant-${index}-name`}
              label={t('flags.variantName')}
              value={variant.name}
              onChange={(name) => setVariant(index, { name })}
            />
          </Grid.Item>
          <Grid.Item col={3} alignItems="end">
            <NumberField
              name={`variant-${index}-weight`}
              label={t('flags.weight')}
              value={variant.weight}
              onChange={(weight) => setVariant(index, { weight: weight ?? 0 })}
            />
          </Grid.Item>
          <Grid.Item col={3} alignItems="center">
            <Typography textColor="neutral600">
              {t('flags.share', { share: shares[index].toFixed(1) })}
            </Typography>
          </Grid.Item>
          <Grid.Item col={1} alignItems="end">
            <IconButton
              label={t('flags.removeVariant')}
              onClick={() =>
                setForm((current) => ({
                  ...current,
                  variants: current.variants.filter((_, at) => at !== index),
                }))
              }
            >
              <Trash />
            </IconButton>
          </Grid.Item>
        </Grid.Root>
      ))}
      <Flex>
        <Button
          variant="secondary"
          startIcon={<Plus />}
          onClick={() =>
            setForm((current) => ({
              ...current,
              variants: [...current.variants, { name: '', weight: 1 }],
            }))
          }
        >
          {t('flags.addVariant')}
        </Button>
      </Flex>
    </Section>
  );
};
