import { useState } from 'react';
import { Button, Flex, Grid } from '@strapi/design-system';
import { Check, Eye, Trash } from '@strapi/icons';
import { BackButton, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { getRule, listTemplates, usePluginApi } from '../../api';
import { useNavigate, useParams } from 'react-router-dom';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import type { RuleRecord, RuleStatus } from '../../../../shared/contracts/templates';
import { NumberField, SelectField, TextAreaField, TextField } from '../../components/form/fields';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { useCan } from '../../hooks/useCan';
import { useLoad } from '../../hooks/useLoad';
import { useOptedInTypes } from '../../hooks/useOptedInTypes';
import { useT } from '../../hooks/useT';
import { pagePath } from '../../pluginPaths';
import { errorMessage } from '../../utils/errorMessage';
import { emptyRuleForm, formToBody, ruleToForm, type RuleForm } from './ruleForm';

/** Create a rule (no name in the URL) or edit one. */
export const RuleEditorPage = () => {
  const { name } = useParams<{ name: string }>();
  const { state } = useLoad(name === undefined ? null : getRule(name));
  if (name === undefined) return <RuleEditor rule={null} />;
  return <Loading state={state}>{(rule) => <RuleEditor key={rule.name} rule={rule} />}</Loading>;
};

const RuleEditor = ({ rule }: { rule: RuleRecord | null }) => {
  const t = useT();
  const navigate = useNavigate();
  const api = usePluginApi();
  const { toggleNotification } = useNotification();
  const canManage = useCan(PERMISSIONS.rulesManage).allowed;
  const types = useOptedInTypes();
  const templates = useLoad(listTemplates()).state;
  const [form, setForm] = useState<RuleForm>(rule ? ruleToForm(rule) : emptyRuleForm());
  const [saving, setSaving] = useState(false);
  const set =
    <Key extends keyof RuleForm>(key: Key) =>
    (value: RuleForm[Key]) =>
      setForm((current) => ({ ...current, [key]: value }));

  const save = async () => {
    setSaving(true);
    try {
      const body = formToBody(form, rule === null);
      await api.saveRule(rule ? rule.name : null, body);
      toggleNotification({ type: 'success', message: t('rules.saved') });
      navigate(pagePath('rules'));
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!rule) return;
    try {
      await api.deleteRule(rule.name);
      navigate(pagePath('rules'));
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  const disabled = !canManage;
  const typeOptions = (types ?? [])
    .filter((type) => type.variants)
    .map((type) => ({ value: type.uid, label: type.uid }));
  const templateOptions =
    templates.status === 'ready'
      ? templates.data.map((template) => ({ value: template.name, label: template.name }))
      : [];
  const title = rule ? rule.name : t('rules.new');

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        navigationAction={<BackButton fallback={pagePath('rules')} />}
        primaryAction={
          canManage ? (
            <Button startIcon={<Check />} onClick={save} loading={saving}>
              {t('common.save')}
            </Button>
          ) : undefined
        }
        secondaryAction={
          rule ? (
            <Flex gap={2}>
              <Button
                variant="secondary"
                startIcon={<Eye />}
                onClick={() => navigate(pagePath('rules', rule.name, 'shadow'))}
              >
                {t('rules.shadowReport')}
              </Button>
              {canManage ? (
                <Button variant="danger-light" startIcon={<Trash />} onClick={remove}>
                  {t('common.delete')}
                </Button>
              ) : null}
            </Flex>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Section title={t('rules.details')}>
          <Grid.Root gap={4}>
            <Grid.Item col={6} alignItems="start">
              <TextField
                name="name"
                label={t('rules.name')}
                value={form.name}
                onChange={set('name')}
                disabled={disabled || rule !== null}
              />
            </Grid.Item>
            <Grid.Item col={6} alignItems="start">
              <TextField
                name="description"
                label={t('rules.description')}
                value={form.description}
                onChange={set('description')}
                disabled={disabled}
              />
            </Grid.Item>
            <Grid.Item col={6} alignItems="start">
              <SelectField
                name="contentType"
                label={t('rules.contentType')}
                value={form.contentType}
                onChange={set('contentType')}
                options={typeOptions}
                disabled={disabled}
              />
            </Grid.Item>
            <Grid.Item col={4} alignItems="start">
              <SelectField
                name="template"
                label={t('rules.template')}
                value={form.template}
                onChange={set('template')}
                options={templateOptions}
                disabled={disabled}
              />
            </Grid.Item>
            <Grid.Item col={2} alignItems="start">
              <TextField
                name="templateVersion"
                label={t('rules.templateVersion')}
                hint={t('rules.templateVersionHint')}
                value={form.templateVersion}
                onChange={set('templateVersion')}
                disabled={disabled}
              />
            </Grid.Item>
            <Grid.Item col={3} alignItems="start">
              <SelectField
                name="status"
                label={t('rules.status')}
                value={form.status}
                onChange={(value) => set('status')(value as RuleStatus)}
                options={[
                  { value: 'active', label: t('rules.status.active') },
                  { value: 'disabled', label: t('rules.status.disabled') },
                  { value: 'shadow', label: t('rules.status.shadow') },
                ]}
                disabled={disabled}
              />
            </Grid.Item>
            <Grid.Item col={3} alignItems="start">
              <NumberField
                name="priority"
                label={t('rules.priority')}
                hint={t('rules.priorityHint')}
                value={form.priority}
                onChange={set('priority')}
                disabled={disabled}
              />
            </Grid.Item>
            <Grid.Item col={6} alignItems="start">
              <TextField
                name="flagName"
                label={t('rules.flag')}
                hint={t('rules.flagHint')}
                placeholder={`personalization.${form.name || '…'}`}
                value={form.flagName}
                onChange={set('flagName')}
                disabled={disabled}
              />
            </Grid.Item>
            <Grid.Item col={6} alignItems="start">
              <TextAreaField
                name="params"
                label={t('rules.params')}
                hint={t('rules.paramsHint')}
                value={form.params}
                onChange={set('params')}
                disabled={disabled}
              />
            </Grid.Item>
            <Grid.Item col={3} alignItems="start">
              <TextField
                name="filterTags"
                label={t('rules.filterTags')}
                hint={t('rules.listHint')}
                value={form.filterTags}
                onChange={set('filterTags')}
                disabled={disabled}
              />
            </Grid.Item>
            <Grid.Item col={3} alignItems="start">
              <TextField
                name="filterDocumentIds"
                label={t('rules.filterDocumentIds')}
                hint={t('rules.listHint')}
                value={form.filterDocumentIds}
                onChange={set('filterDocumentIds')}
                disabled={disabled}
              />
            </Grid.Item>
            <Grid.Item col={3} alignItems="start">
              <TextField
                name="shadowVersion"
                label={t('rules.shadowVersion')}
                hint={t('rules.shadowVersionHint')}
                value={form.shadowVersion}
                onChange={set('shadowVersion')}
                disabled={disabled}
              />
            </Grid.Item>
            <Grid.Item col={3} alignItems="start">
              <TextField
                name="shadowSampleRate"
                label={t('rules.shadowSampleRate')}
                hint={t('rules.shadowSampleRateHint')}
                value={form.shadowSampleRate}
                onChange={set('shadowSampleRate')}
                disabled={disabled}
              />
            </Grid.Item>
          </Grid.Root>
        </Section>
      </Layouts.Content>
    </Page.Main>
  );
};
