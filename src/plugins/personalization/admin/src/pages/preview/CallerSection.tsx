import { Button, Flex, Grid, Typography } from '@strapi/design-system';
import { Eye } from '@strapi/icons';
import { TextAreaField, TextField } from '../../components/form/fields';
import { Section } from '../../components/Section';
import { useT } from '../../hooks/useT';
import type { CallerForm } from './callerForm';

/** Who the preview is for, and the button that runs it (with its failure). */
export const CallerSection = ({
  caller,
  setCallerField,
  run,
  running,
  canRun,
  failure,
}: {
  caller: CallerForm;
  setCallerField: (key: keyof CallerForm) => (value: string) => void;
  run: () => void;
  running: boolean;
  canRun: boolean;
  failure: string | null;
}) => {
  const t = useT();
  return (
    <Section title={t('preview.caller')}>
      <Grid.Root gap={4}>
        <Grid.Item col={3} alignItems="start">
          <TextField
            name="preview-user"
            label={t('preview.userId')}
            hint={t('preview.userIdHint')}
            value={caller.userId}
            onChange={setCallerField('userId')}
          />
        </Grid.Item>
        <Grid.Item col={3} alignItems="start">
          <TextField
            name="preview-visitor"
            label={t('preview.visitorId')}
            value={caller.visitorId}
            onChange={setCallerField('visitorId')}
          />
        </Grid.Item>
        <Grid.Item col={3} alignItems="start">
          <TextAreaField
            name="preview-traits"
            label={t('preview.traits')}
            hint={t('preview.traitsHint')}
            value={caller.traits}
            onChange={setCallerField('traits')}
          />
        </Grid.Item>
        <Grid.Item col={3} alignItems="start">
          <TextField
            name="preview-segments"
            label={t('preview.segments')}
            hint={t('rules.listHint')}
            value={caller.segments}
            onChange={setCallerField('segments')}
          />
        </Grid.Item>
      </Grid.Root>
      <Flex>
        <Button startIcon={<Eye />} onClick={run} loading={running} disabled={!canRun}>
          {t('preview.run')}
        </Button>
      </Flex>
      {failure && (
        <Typography textColor="danger600" role="alert">
          {failure}
        </Typography>
      )}
    </Section>
  );
};
