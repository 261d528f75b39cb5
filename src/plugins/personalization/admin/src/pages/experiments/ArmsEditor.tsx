import { Button, Flex, Grid, IconButton, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { NumberField, TextField } from '../../components/form/fields';
import { useT } from '../../hooks/useT';
import { armShares, type ArmForm } from './experimentForm';

/** The arms: `base` (the control, always first and fixed) and variant keys, with weights. */
export const ArmsEditor = ({
  arms,
  onChange,
  disabled,
  error,
}: {
  arms: ArmForm[];
  onChange: (arms: ArmForm[]) => void;
  disabled: boolean;
  error?: string;
}) => {
  const t = useT();
  const shares = armShares(arms);
  const setArm = (index: number, change: Partial<ArmForm>) =>
    onChange(arms.map((arm, at) => (at === index ? { ...arm, ...change } : arm)));
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      {arms.map((arm, index) => (
        <Grid.Root key={index} gap={3}>
          <Grid.Item col={5} alignItems="start">
            <TextField
              name={`arm-${index}-name`}
              label={index === 0 ? t('experiments.arm.control') : t('experiments.arm.variant')}
              hint={index === 0 ? undefined : t('experiments.arm.variantHint')}
              value={arm.name}
              onChange={(name) => setArm(index, { name })}
              disabled={disabled || index === 0}
              error={index === 0 ? error : undefined}
            />
          </Grid.Item>
          <Grid.Item col={3} alignItems="start">
            <NumberField
              name={`arm-${index}-weight`}
              label={t('experiments.arm.weight')}
              value={arm.weight}
              onChange={(weight) => setArm(index, { weight })}
              disabled={disabled}
            />
          </Grid.Item>
          <Grid.Item col={3} alignItems="start" paddingTop={7}>
            <Typography textColor="neutral600" data-testid={`arm-${index}-share`}>
              {t('experiments.arm.share', { share: (shares[index] * 100).toFixed(1) })}
            </Typography>
          </Grid.Item>
          <Grid.Item col={1} alignItems="start">
            {index > 1 && (
              <IconButton
                label={t('experiments.arm.remove')}
                disabled={disabled}
                onClick={() => onChange(arms.filter((_, at) => at !== index))}
              >
                <Trash />
              </IconButton>
            )}
          </Grid.Item>
        </Grid.Root>
      ))}
      <Flex>
        <Button
          variant="secondary"
          startIcon={<Plus />}
          disabled={disabled}
          onClick={() => onChange([...arms, { name: '', weight: 1 }])}
        >
          {t('experiments.arm.add')}
        </Button>
      </Flex>
    </Flex>
  );
};
