import { Field, Grid, TextInput } from '@strapi/design-system';
import type { TemplateRecord } from '../../../../shared/contracts/templates';
import { Section } from '../../components/Section';
import { useT } from '../../hooks/useT';
import type { useTemplateFields } from './useTemplateFields';

/** Name (fixed once saved), description, and the note of the version a save makes. */
export const TemplateDetailsSection = ({
  template,
  readOnly,
  fields: { name, setName, description, setDescription, note, setNote },
}: {
  template: TemplateRecord | null;
  readOnly: boolean;
  fields: ReturnType<typeof useTemplateFields>;
}) => {
  const t = useT();
  return (
    <Section title={t('templates.details')}>
      <Grid.Root gap={4}>
        <Grid.Item col={4} alignItems="start">
          <Field.Root name="name" style={{ width: '100%' }} hint={t('templates.nameHint')}>
            <Field.Label>{t('templates.name')}</Field.Label>
            <TextInput
              value={name}
              disabled={template !== null || readOnly}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => setName(event.target.value)}
            />
            <Field.Hint />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={template ? 5 : 8} alignItems="start">
          <Field.Root name="description" style={{ width: '100%' }}>
            <Field.Label>{t('templates.description')}</Field.Label>
            <TextInput
              value={description}
              disabled={readOnly}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                setDescription(event.target.value)
              }
            />
          </Field.Root>
        </Grid.Item>
        {template && (
          <Grid.Item col={3} alignItems="start">
            <Field.Root name="note" style={{ width: '100%' }}>
              <Field.Label>{t('templates.note')}</Field.Label>
              <TextInput
                value={note}
                disabled={readOnly}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                  setNote(event.target.value)
                }
              />
            </Field.Root>
          </Grid.Item>
        )}
      </Grid.Root>
    </Section>
  );
};
