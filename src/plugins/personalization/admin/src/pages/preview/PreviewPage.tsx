import { useState } from 'react';
import { Button, Flex, Grid, Typography } from '@strapi/design-system';
import { Eye } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { listEntries, usePluginApi } from '../../api';
import type { PreviewResult } from '../../../../shared/contracts/templates';
import { SelectField, TextAreaField, TextField } from '../../components/form/fields';
import { Section } from '../../components/Section';
import { useDebounced } from '../../hooks/useDebounced';
import { useLoad } from '../../hooks/useLoad';
import { useOptedInTypes } from '../../hooks/useOptedInTypes';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errorMessage';
import { emptyCallerForm, toCaller, type CallerForm } from './callerForm';
import { PreviewResultView } from './PreviewResultView';

type Status = 'published' | 'draft';

/** "Preview as": one entry, one caller, and the decision with its trace. */
export const PreviewPage = () => {
  const t = useT();
  const api = usePluginApi();
  const types = (useOptedInTypes() ?? []).filter((type) => type.variants);
  const [contentType, setContentType] = useState('');
  const [status, setStatus] = useState<Status>('published');
  const [search, setSearch] = useState('');
  const [documentId, setDocumentId] = useState('');
  const [caller, setCaller] = useState<CallerForm>(emptyCallerForm());
  const [result, setResult] = useState<PreviewResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const settledSearch = useDebounced(search, 300);
  const entries = useLoad(
    contentType === '' ? null : listEntries(contentType, status, settledSearch)
  ).state;
  const setCallerField = (key: keyof CallerForm) => (value: string) =>
    setCaller((current) => ({ ...current, [key]: value }));

  const run = async () => {
    setRunning(true);
    setFailure(null);
    try {
      const previewed = await api.preview({
        contentType,
        documentId,
        status,
        caller: toCaller(caller),
      });
      setResult(previewed);
    } catch (error) {
      setResult(null);
      setFailure(errorMessage(error));
    } finally {
      setRunning(false);
    }
  };

  const entryOptions =
    entries.status === 'ready'
      ? entries.data.map((entry) => ({ value: entry.documentId, label: entry.label }))
      : [];

  return (
    <Page.Main>
      <Page.Title>{t('preview.title')}</Page.Title>
      <Layouts.Header title={t('preview.title')} subtitle={t('preview.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
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
                  onChange={(value) => setStatus(value as Status)}
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
              <Button
                startIcon={<Eye />}
                onClick={run}
                loading={running}
                disabled={contentType === '' || documentId === ''}
              >
                {t('preview.run')}
              </Button>
            </Flex>
            {failure && (
              <Typography textColor="danger600" role="alert">
                {failure}
              </Typography>
            )}
          </Section>
          {result && <PreviewResultView result={result} />}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
