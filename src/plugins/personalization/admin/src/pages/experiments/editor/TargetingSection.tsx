import { Grid } from '@strapi/design-system';
import { TextField } from '../../../components/form/fields';
import { Section } from '../../../components/Section';
import { useT } from '../../../hooks/useT';
import { ArmsEditor } from '../ArmsEditor';
import type { FormBinding } from './formBinding';

/** Arms, then who takes part (segments, flag). */
export const TargetingSection = ({ form, set, readOnly, errorOf }: FormBinding) => {
  const t = useT();
  return (
    <>
      <Section title={t('experiments.arms')}>
        <ArmsEditor
          arms={form.arms}
          onChange={set('arms')}
          disabled={readOnly('arms')}
          error={errorOf('arms')}
        />
      </Section>

      <Section title={t('experiments.targeting')}>
        <Grid.Root gap={4}>
          <Grid.Item col={6} alignItems="start">
            <TextField
              name="segments"
              label={t('experiments.segments')}
              hint={t('experiments.segmentsHint')}
              value={form.segments}
              onChange={set('segments')}
              disabled={readOnly('targeting')}
              error={errorOf('targeting')}
            />
          </Grid.Item>
          <Grid.Item col={6} alignItems="start">
            <TextField
              name="flag"
              label={t('experiments.flag')}
              hint={t('experiments.flagHint')}
              value={form.flag}
              onChange={set('flag')}
              disabled={readOnly('targeting')}
            />
          </Grid.Item>
        </Grid.Root>
      </Section>
    </>
  );
};
