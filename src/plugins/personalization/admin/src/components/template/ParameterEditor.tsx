import {
  Button,
  Field,
  Flex,
  Grid,
  IconButton,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import type { ParameterType, TemplateParameter } from '../../../../shared/contracts/templates';
import { useT } from '../../hooks/useT';
import { formatParameterValue, parseParameterValue } from './parameterValues';

const TYPES: ParameterType[] = ['string', 'number', 'boolean', 'list'];

interface Props {
  parameters: TemplateParameter[];
  onChange: (parameters: TemplateParameter[]) => void;
  readOnly: boolean;
}

/** The template's declared parameters: name, type, default and description. */
export const ParameterEditor = ({ parameters, onChange, readOnly }: Props) => {
  const t = useT();
  const change = (index: number, patch: Partial<TemplateParameter>) =>
    onChange(
      parameters.map((parameter, at) => (at === index ? { ...parameter, ...patch } : parameter))
    );
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      {parameters.length === 0 && <Typography>{t('parameters.empty')}</Typography>}
      {parameters.map((parameter, index) => (
        <Grid.Root key={index} gap={2}>
          <Grid.Item col={3} alignItems="end">
            <Field.Root name={`parameter-${index}-name`} style={{ width: '100%' }}>
              <Field.Label>{t('parameters.name')}</Field.Label>
              <TextInput
                value={parameter.name}
                disabled={readOnly}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                  change(index, { name: event.target.value })
                }
              />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={2} alignItems="end">
            <Field.Root name={`parameter-${index}-type`} style={{ width: '100%' }}>
              <Field.Label>{t('parameters.type')}</Field.Label>
              <SingleSelect
                value={parameter.type}
                disabled={readOnly}
                onChange={(value) => {
                  const type = String(value) as ParameterType;
                  const text = formatParameterValue(parameter.default);
                  change(index, { type, default: parseParameterValue(type, text) });
                }}
              >
                {TYPES.map((type) => (
                  <SingleSelectOption key={type} value={type}>
                    {type}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={3} alignItems="end">
            <Field.Root name={`parameter-${index}-default`} style={{ width: '100%' }}>
              <Field.Label>{t('parameters.default')}</Field.Label>
              <TextInput
                value={formatParameterValue(parameter.default)}
                disabled={readOnly}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                  change(index, {
                    default: parseParameterValue(parameter.type, event.target.value),
                  })
                }
              />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={3} alignItems="end">
            <Field.Root name={`parameter-${index}-description`} style={{ width: '100%' }}>
              <Field.Label>{t('parameters.description')}</Field.Label>
              <TextInput
                value={parameter.description ?? ''}
                disabled={readOnly}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                  change(index, { description: event.target.value || undefined })
                }
              />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={1} alignItems="end">
            {!readOnly && (
              <IconButton
                label={t('parameters.remove')}
                onClick={() => onChange(parameters.filter((_, at) => at !== index))}
              >
                <Trash />
              </IconButton>
            )}
          </Grid.Item>
        </Grid.Root>
      ))}
      {!readOnly && (
        <Flex>
          <Button
            variant="secondary"
            startIcon={<Plus />}
            onClick={() => onChange([...parameters, { name: '', type: 'string' }])}
          >
            {t('parameters.add')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
};
