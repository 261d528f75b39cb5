import { useState } from 'react';
import { Flex } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { usePluginApi } from '../../api';
import type { PreviewResult } from '../../../../shared/contracts/templates';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errorMessage';
import { emptyCallerForm, toCaller, type CallerForm } from './callerForm';
import { CallerSection } from './CallerSection';
import { EntryPickerSection } from './EntryPickerSection';
import { PreviewResultView } from './PreviewResultView';
import { useEntryPicker } from './useEntryPicker';

/** "Preview as": one entry, one caller, and the decision with its trace. */
export const PreviewPage = () => {
  const t = useT();
  const api = usePluginApi();
  const picker = useEntryPicker();
  const [caller, setCaller] = useState<CallerForm>(emptyCallerForm());
  const [result, setResult] = useState<PreviewResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const setCallerField = (key: keyof CallerForm) => (value: string) =>
    setCaller((current) => ({ ...current, [key]: value }));
  const { contentType, documentId, status } = picker;

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

  return (
    <Page.Main>
      <Page.Title>{t('preview.title')}</Page.Title>
      <Layouts.Header title={t('preview.title')} subtitle={t('preview.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <EntryPickerSection picker={picker} />
          <CallerSection
            caller={caller}
            setCallerField={setCallerField}
            run={run}
            running={running}
            canRun={contentType !== '' && documentId !== ''}
            failure={failure}
          />
          {result && <PreviewResultView result={result} />}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
