import type { Dispatch, SetStateAction } from 'react';
import { Button, Flex, Grid, IconButton, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { NumberField, TextField } from '../../components/form/fields';
import { useT } from '../../hooks/useT';
import { variantShares, type FlagForm } from './flagForm';

/** The flag's variants with relative weights and each one's share of the traffic. */
export const FlagVariantsEditor = ({
  form,
  setForm,
}: {
  form: FlagForm;
  setForm: Dispatch<SetStateAction<FlagForm>>;
}) => {
  const t = useT();
  const shares = variantShares(form.variants);
  const setVariant = (index: number, patch: Partial<FlagForm['variants'][number]>) =>
    setForm((current) => ({
      ...current,
      variants: current.variants.map((variant, at) =>
        at === index ? { ...variant, ...patch } : variant
      ),
    }));
  return (
    <>
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
    </>
  );
};
