import { useState } from 'react';
import { Alert, Box, Button, Checkbox, Flex, Grid, Typography } from '@strapi/design-system';
import { Check, ChartPie, Play, Plus, Trash } from '@strapi/icons';
import { BackButton, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { getExperiment, usePluginApi } from '../../api';
import { useNavigate, useParams } from 'react-router-dom';
import type { ExperimentRecord } from '../../../../shared/contracts/experiment-records';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import { NumberField, SelectField, TextAreaField, TextField } from '../../components/form/fields';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { useCan } from '../../hooks/useCan';
import { useLoad } from '../../hooks/useLoad';
import { useOptedInTypes } from '../../hooks/useOptedInTypes';
import { useT } from '../../hooks/useT';
import { pagePath } from '../../pluginPaths';
import { errorMessage } from '../../utils/errorMessage';
import { ArmsEditor } from './ArmsEditor';
import {
  emptyExperimentForm,
  emptyMetricForm,
  experimentToForm,
  fieldOfError,
  formToBody,
  isReadOnly,
  sampleSizeRequest,
  type BaselineKind,
  type ExperimentForm,
} from './experimentForm';
import { MetricFields } from './MetricFields';
import { SampleSizeCalculator } from './SampleSizeCalculator';
import { statusLine } from './StatusBadge';

/** Create an experiment (no name in the URL) or edit one; a running one's plan is frozen. */
export const ExperimentEditorPage = () => {
  const { name } = useParams<{ name: string }>();
  const { state, reload } = useLoad(name === undefined ? null : getExperiment(name));
  if (name === undefined) return <ExperimentEditor experiment={null} reload={reload} />;
  return (
    <Loading state={state}>
      {(experiment) => (
        <ExperimentEditor
          key={`${experiment.name}-${experiment.status}-${experiment.phase}`}
          experiment={experiment}
          reload={reload}
        />
      )}
    </Loading>
  );
};

const ExperimentEditor = ({
  experiment,
  reload,
}: {
  experiment: ExperimentRecord | null;
  reload: () => void;
}) => {
  const t = useT();
  const navigate = useNavigate();
  const api = usePluginApi();
  const { toggleNotification } = useNotification();
  const canManage = useCan(PERMISSIONS.experimentsManage).allowed;
  const types = useOptedInTypes();
  const [form, setForm] = useState<ExperimentForm>(
    experiment ? experimentToForm(experiment) : emptyExperimentForm()
  );
  const [newPhase, setNewPhase] = useState(false);
  const [errorField, setErrorField] = useState<{ field: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const status = experiment?.status ?? null;
  const set =
    <Key extends keyof ExperimentForm>(key: Key) =>
    (value: ExperimentForm[Key]) =>
      setForm((current) => ({ ...current, [key]: value }));
  const readOnly = (field: string) => !canManage || isReadOnly(status, field, newPhase);
  const errorOf = (field: string) => (errorField?.field === field ? errorField.message : undefined);

  const act = async (action: () => Promise<void>, success: string) => {
    setBusy(true);
    setErrorField(null);
    try {
      await action();
      toggleNotification({ type: 'success', message: success });
    } catch (error) {
      const message = errorMessage(error);
      const field = fieldOfError(message);
      if (field) setErrorField({ field, message });
      toggleNotification({ type: 'danger', message });
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    act(async () => {
      const body = formToBody(form, { isNew: experiment === null, newPhase });
      if (experiment) {
        await api.saveExperiment(experiment.name, body);
        reload();
      } else {
        await api.saveExperiment(null, body);
        navigate(pagePath('experiments', form.name.trim()));
      }
    }, t('experiments.saved'));

  const start = () =>
    act(async () => {
      if (!experiment) return;
      await api.startExperiment(experiment.name);
      reload();
    }, t('experiments.started'));

  const archive = () =>
    act(async () => {
      if (!experiment) return;
      await api.archiveExperiment(experiment.name);
      reload();
    }, t('experiments.archived'));

  const remove = () =>
    act(async () => {
      if (!experiment) return;
      await api.deleteExperiment(experiment.name);
      navigate(pagePath('experiments'));
    }, t('experiments.deleted'));

  const editable = canManage && status !== 'stopped' && status !== 'archived';
  const typeOptions = (types ?? [])
    .filter((type) => type.variants)
    .map((type) => ({ value: type.uid, label: type.uid }));
  const title = experiment ? experiment.name : t('experiments.new');

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={experiment ? statusLine(t, experiment) : undefined}
        navigationAction={<BackButton fallback={pagePath('experiments')} />}
        primaryAction={
          <Flex gap={2}>
            {experiment && status !== 'draft' && (
              <Button
                variant="secondary"
                startIcon={<ChartPie />}
                onClick={() => navigate(pagePath('experiments', experiment.name, 'results'))}
              >
                {t('experiments.results')}
              </Button>
            )}
            {canManage && status === 'draft' && (
              <Button variant="success" startIcon={<Play />} onClick={start} loading={busy}>
                {t('experiments.start')}
              </Button>
            )}
            {editable && (status !== 'running' || newPhase) && (
              <Button startIcon={<Check />} onClick={save} loading={busy}>
                {t('common.save')}
              </Button>
            )}
          </Flex>
        }
        secondaryAction={
          canManage && experiment ? (
            <Flex gap={2}>
              {status === 'stopped' && (
                <Button variant="tertiary" onClick={archive}>
                  {t('experiments.archive')}
                </Button>
              )}
              {(status === 'draft' || status === 'archived') && (
                <Button variant="danger-light" startIcon={<Trash />} onClick={remove}>
                  {t('common.delete')}
                </Button>
              )}
            </Flex>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {status === 'running' && (
            <Alert
              variant="default"
              title={t('experiments.frozen.title')}
              closeLabel={t('common.close')}
              data-testid="frozen-notice"
            >
              {t('experiments.frozen.body')}
              <Box paddingTop={2}>
                <Checkbox
                  name="new-phase"
                  checked={newPhase}
                  disabled={!canManage}
                  onCheckedChange={(checked: boolean | 'indeterminate') =>
                    setNewPhase(checked === true)
                  }
                >
                  {t('experiments.frozen.newPhase')}
                </Checkbox>
              </Box>
            </Alert>
          )}
          <Section title={t('experiments.details')}>
            <Grid.Root gap={4}>
              <Grid.Item col={6} alignItems="start">
                <TextField
                  name="name"
                  label={t('experiments.name')}
                  value={form.name}
                  onChange={set('name')}
                  disabled={!canManage || experiment !== null}
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

          <Section title={t('experiments.metrics')}>
            <Typography variant="sigma">{t('experiments.primaryMetric')}</Typography>
            <MetricFields
              prefix="primary"
              metric={form.primaryMetric}
              onChange={set('primaryMetric')}
              disabled={readOnly('primaryMetric')}
              error={errorOf('primaryMetric')}
            />
            <Typography variant="sigma">{t('experiments.guardrailMetrics')}</Typography>
            {form.guardrailMetrics.length === 0 && (
              <Typography textColor="neutral600">{t('experiments.noGuardrails')}</Typography>
            )}
            {form.guardrailMetrics.map((metric, index) => (
              <MetricFields
                key={index}
                prefix={`guardrail-${index}`}
                metric={metric}
                disabled={readOnly('guardrailMetrics')}
                onChange={(changed) =>
                  set('guardrailMetrics')(
                    form.guardrailMetrics.map((current, at) => (at === index ? changed : current))
                  )
                }
                onRemove={() =>
                  set('guardrailMetrics')(form.guardrailMetrics.filter((_, at) => at !== index))
                }
              />
            ))}
            <Flex>
              <Button
                variant="secondary"
                startIcon={<Plus />}
                disabled={readOnly('guardrailMetrics')}
                onClick={() =>
                  set('guardrailMetrics')([...form.guardrailMetrics, emptyMetricForm()])
                }
              >
                {t('experiments.addGuardrail')}
              </Button>
            </Flex>
          </Section>

          <Section title={t('experiments.plan')}>
            <Grid.Root gap={4}>
              <Grid.Item col={3} alignItems="start">
                <NumberField
                  name="alpha"
                  label={t('experiments.alpha')}
                  hint={t('experiments.alphaHint')}
                  value={form.alpha}
                  onChange={set('alpha')}
                  disabled={readOnly('alpha')}
                  error={errorOf('alpha')}
                />
              </Grid.Item>
              <Grid.Item col={3} alignItems="start">
                <NumberField
                  name="power"
                  label={t('experiments.power')}
                  hint={t('experiments.powerHint')}
                  value={form.power}
                  onChange={set('power')}
                  disabled={readOnly('power')}
                  error={errorOf('power')}
                />
              </Grid.Item>
              <Grid.Item col={3} alignItems="start">
                <NumberField
                  name="mde"
                  label={t('experiments.mde')}
                  hint={t('experiments.mdeHint')}
                  value={form.mde}
                  onChange={set('mde')}
                  disabled={readOnly('mde')}
                  error={errorOf('mde')}
                />
              </Grid.Item>
              <Grid.Item col={3} alignItems="start">
                <NumberField
                  name="attributionWindowHours"
                  label={t('experiments.attributionWindowHours')}
                  value={form.attributionWindowHours}
                  onChange={set('attributionWindowHours')}
                  disabled={readOnly('attributionWindowHours')}
                  error={errorOf('attributionWindowHours')}
                />
              </Grid.Item>
              <Grid.Item col={3} alignItems="start">
                <SelectField
                  name="baselineKind"
                  label={t('experiments.baseline')}
                  value={form.baselineKind}
                  onChange={(kind) => set('baselineKind')(kind as BaselineKind)}
                  options={[
                    { value: 'rate', label: t('experiments.baseline.rate') },
                    { value: 'mean', label: t('experiments.baseline.mean') },
                    { value: 'none', label: t('experiments.baseline.none') },
                  ]}
                  disabled={readOnly('baseline')}
                  error={errorOf('baseline')}
                />
              </Grid.Item>
              {form.baselineKind === 'rate' && (
                <Grid.Item col={3} alignItems="start">
                  <NumberField
                    name="baselineRate"
                    label={t('experiments.baselineRate')}
                    hint={t('experiments.baselineRateHint')}
                    value={form.baselineRate}
                    onChange={set('baselineRate')}
                    disabled={readOnly('baseline')}
                  />
                </Grid.Item>
              )}
              {form.baselineKind === 'mean' && (
                <>
                  <Grid.Item col={3} alignItems="start">
                    <NumberField
                      name="baselineMean"
                      label={t('experiments.baselineMean')}
                      value={form.baselineMean}
                      onChange={set('baselineMean')}
                      disabled={readOnly('baseline')}
                    />
                  </Grid.Item>
                  <Grid.Item col={3} alignItems="start">
                    <NumberField
                      name="baselineSd"
                      label={t('experiments.baselineSd')}
                      value={form.baselineSd}
                      onChange={set('baselineSd')}
                      disabled={readOnly('baseline')}
                    />
                  </Grid.Item>
                </>
              )}
            </Grid.Root>
            <Typography variant="sigma">{t('experiments.sampleSize')}</Typography>
            <SampleSizeCalculator request={sampleSizeRequest(form)} arms={form.arms.length} />
          </Section>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
