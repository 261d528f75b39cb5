import { Grid } from '@strapi/design-system';
import { SelectField, TextField } from '../../components/form/fields';
import { Section } from '../../components/Section';
import { useOptedInTypes } from '../../hooks/useOptedInTypes';
import { useT } from '../../hooks/useT';
import type { EntryPicker, EntryStatus } from './useEntryPicker';

/** Type (opted in with variants), status, search and entry. */
export const EntryPickerSection = ({
  picker: {
    contentType,
    setContentType,
    status,
    setStatus,
    search,
    setSearch,
    documentId,
    setDocumentId,
    entryOptions,
  },
}: {
  picker: EntryPicker;
}) => {
  const t = useT();
  const types = (useOptedInTypes() ?? []).filter((type) => type.variants);
  return (
    <Section title={t('preview.entry')}>
      <Grid.Root gap={4}>
        <Grid.Item col={4} alignItems="start">
          <SelectField
            name="preview-content-type"
            label={t('rules.contentType')}
            value={contentType}
            onChange={(value) => {
              setContentType(value);
              setDocumentId('');
            }}
            options={types.map((type) => ({ value: type.uid, label: type.uid }))}
          />
        </Grid.Item>
        <Grid.Item col={2} alignItems="start">
          <SelectField
            name="preview-status"
            label={t('preview.status')}
            value={status}
            onChange={(value) => setStatus(value as EntryStatus)}
            options={[
              { value: 'published', label: t('preview.status.published') },
              { value: 'draft', label: t('preview.status.draft') },
            ]}
          />
        </Grid.Item>
        <Grid.Item col={2} alignItems="start">
          <TextField
            name="preview-search"
            label={t('preview.search')}
            value={search}
            onChange={setSearch}
          />
        </Grid.Item>
        <Grid.Item col={4} alignItems="start">
          <SelectField
            name="preview-entry"
            label={t('preview.entryLabel')}
            value={documentId}
            onChange={setDocumentId}
            options={entryOptions}
            disabled={contentType === ''}
          />
        </Grid.Item>
      </Grid.Root>
    </Section>
  );
};
