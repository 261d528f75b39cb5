import {
  Box,
  Button,
  Field,
  Flex,
  Grid,
  IconButton,
  TextInput,
  Textarea,
  Typography,
} from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { useT } from '../../hooks/useT';
import { emptyDraft, type TestCaseDraft } from './testCaseDrafts';

interface Props {
  drafts: TestCaseDraft[];
  onChange: (drafts: TestCaseDraft[]) => void;
  readOnly: boolean;
}

type TextKey = Exclude<keyof TestCaseDraft, 'kept'>;

/** The template's test cases: who calls, with which params, variants and tags, and what must come out. */
export const TestCaseEditor = ({ drafts, onChange, readOnly }: Props) => {
  const t = useT();
  const change = (index: number, key: TextKey, value: string) =>
    onChange(drafts.map((draft, at) => (at === index ? { ...draft, [key]: value } : draft)));

  const input = (index: number, key: TextKey, col: number, multiline = false) => (
    <Grid.Item col={col} alignItems="start">
      <Field.Root name={`test-${index}-${key}`} style={{ width: '100%' }}>
        <Field.Label>{t(`tests.${key}`)}</Field.Label>
        {multiline ? (
          <Textarea
            value={drafts[index][key]}
            disabled={readOnly}
            onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) =>
              change(index, key, event.target.value)
            }
          />
        ) : (
          <TextInput
            value={drafts[index][key]}
            disabled={readOnly}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
              change(index, key, event.target.value)
            }
          />
        )}
      </Field.Root>
    </Grid.Item>
  );

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {drafts.length === 0 && <Typography>{t('tests.empty')}</Typography>}
      {drafts.map((_, index) => (
        <Box key={index} padding={4} background="neutral100" hasRadius>
          <Grid.Root gap={3}>
            {input(index, 'name', 4)}
            {input(index, 'expected', 3)}
            {input(index, 'variants', 4)}
            <Grid.Item col={1} alignItems="end">
              {!readOnly && (
                <IconButton
                  label={t('tests.remove')}
                  onClick={() => onChange(drafts.filter((__, at) => at !== index))}
                >
                  <Trash />
                </IconButton>
              )}
            </Grid.Item>
            {input(index, 'caller', 5, true)}
            {input(index, 'params', 4, true)}
            {input(index, 'tags', 3)}
          </Grid.Root>
        </Box>
      ))}
      {!readOnly && (
        <Flex>
          <Button
            variant="secondary"
            startIcon={<Plus />}
            onClick={() => onChange([...drafts, emptyDraft()])}
          >
            {t('tests.add')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
};
