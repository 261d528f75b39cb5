import { Grid } from '@strapi/design-system';
import { SelectField, TextAreaField, TextField } from '../../../components/form/fields';
import { Section } from '../../../components/Section';
import { useT } from '../../../hooks/useT';
import type { FormBinding } from './formBinding';

/** Name, content type, hypothesis and entry filter. */
export const DetailsSection = ({
  form,
  set,
  readOnly,
  errorOf,
  nameLocked,
  typeOptions,
}: FormBinding & {
  /** The name of a saved experiment, or of a viewer without the manage permission. */
  nameLocked: boolean;
  typeOptions: Array<{ value: string; label: string }>;
}) => {
  const t = useT();
  return (
    <Section title={t('experiments.details')}>
      <Grid.Root gap={4}>
        <Grid.Item col={6} alignItems="start">
          <TextField
            name="name"
            label={t('experiments.name')}
            value={form.name}
            onChange={set('name')}
            disabled={nameLocked}
            error={errorOf('name')}
          />
        </Grid.Item>
        <Grid.Item col={6} alignItems="start">
          <SelectField
            name="contentType"
            label={t('experiments.contentType')}
            value={form.contentType}
            onChange={set('contentType')}
            options={typeOptions}
            disabled={readOnly('contentType')}
            error={errorOf('contentType')}
          />
        </Grid.Item>
        <Grid.Item col={12} alignItems="start">
          <TextAreaField
            name="hypothesis"
            label={t('experiments.hypothesis')}
            hint={t('experiments.hypothesisHint')}
            value={form.hypothesis}
            onChange={set('hypothesis')}
            disabled={readOnly('hypothesis')}
            error={errorOf('hypothesis')}
          />
        </Grid.Item>
        <Grid.Item col={6} alignItems="start">
          <TextField
            name="filterDocumentIds"
            label={t('experiments.filterDocumentIds')}
            hint={t('experiments.listHint')}
            value={form.filterDocumentIds}
            onChange={set('filterDocumentIds')}
            disabled={readOnly('entryFilter')}
            error={errorOf('entryFilter')}
          />
        </Grid.Item>
        <Grid.Item col={6} alignItems="start">
          <TextField
            name="filterTags"
            label={t('experiments.filterTags')}
            hint={t('experiments.listHint')}
            value={form.filterTags}
            onChange={set('filterTags')}
            disabled={readOnly('entryFilter')}
          />
        </Grid.Item>
      </Grid.Root>
    </Section>
  );
};
