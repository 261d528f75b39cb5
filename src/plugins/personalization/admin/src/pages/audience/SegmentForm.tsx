import { useState } from 'react';
import { Box, Button, Flex, Grid, Typography } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { usePluginApi } from '../../api';
import { TextAreaField, TextField } from '../../components/form/fields';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errorMessage';

const EXAMPLE = '{ "field": "profile.affinities.sports", "op": "gte", "value": 2.5 }';

/** A new rule-based segment; the server checks the condition and names the path of a problem. */
export const SegmentForm = ({
  onSaved,
  onCancel,
}: {
  onSaved: () => void;
  onCancel: () => void;
}) => {
  const t = useT();
  const api = usePluginApi();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [condition, setCondition] = useState(EXAMPLE);
  const [problem, setProblem] = useState<string | null>(null);

  const save = async () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(condition);
    } catch {
      setProblem(t('audience.segments.conditionNotJson'));
      return;
    }
    try {
      await api.createSegment({
        name,
        description: description || null,
        condition: parsed,
      });
      onSaved();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };

  return (
    <Box background="neutral100" padding={4} hasRadius>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Grid.Root gap={4}>
          <Grid.Item col={4} alignItems="start">
            <TextField
              name="segment-name"
              label={t('audience.segments.name')}
              value={name}
              onChange={setName}
            />
          </Grid.Item>
          <Grid.Item col={8} alignItems="start">
            <TextField
              name="segment-description"
              label={t('audience.segments.description')}
              value={description}
              onChange={setDescription}
            />
          </Grid.Item>
          <Grid.Item col={12} alignItems="stretch">
            <TextAreaField
              name="segment-condition"
              label={t('audience.segments.condition')}
              hint={t('audience.segments.conditionHint')}
              value={condition}
              onChange={setCondition}
            />
          </Grid.Item>
        </Grid.Root>
        {problem && (
          <Typography textColor="danger600" role="alert">
            {problem}
          </Typography>
        )}
        <Flex gap={2} justifyContent="flex-end">
          <Button variant="tertiary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button startIcon={<Check />} onClick={save}>
            {t('common.save')}
          </Button>
        </Flex>
      </Flex>
    </Box>
  );
};
