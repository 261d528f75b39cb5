import { useState } from 'react';
import { Grid } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { getRule, listTemplates } from '../../api';
import { useParams } from 'react-router-dom';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import type { RuleRecord } from '../../../../shared/contracts/templates';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { useCan } from '../../hooks/useCan';
import { useLoad } from '../../hooks/useLoad';
import { useOptedInTypes } from '../../hooks/useOptedInTypes';
import { useT } from '../../hooks/useT';
import { RuleHeader } from './RuleHeader';
import { RuleScopeFields } from './RuleScopeFields';
import { RuleTargetFields } from './RuleTargetFields';
import { useRuleActions } from './useRuleActions';
import { emptyRuleForm, ruleToForm, type RuleForm } from './ruleForm';

/** Create a rule (no name in the URL) or edit one. */
export const RuleEditorPage = () => {
  const { name } = useParams<{ name: string }>();
  const { state } = useLoad(name === undefined ? null : getRule(name));
  if (name === undefined) return <RuleEditor rule={null} />;
  return <Loading state={state}>{(rule) => <RuleEditor key={rule.name} rule={rule} />}</Loading>;
};

const RuleEditor = ({ rule }: { rule: RuleRecord | null }) => {
  const t = useT();
  const canManage = useCan(PERMISSIONS.rulesManage).allowed;
  const types = useOptedInTypes();
  const templates = useLoad(listTemplates()).state;
  const [form, setForm] = useState<RuleForm>(rule ? ruleToForm(rule) : emptyRuleForm());
  const { saving, save, remove } = useRuleActions(rule);
  const set =
    <Key extends keyof RuleForm>(key: Key) =>
    (value: RuleForm[Key]) =>
      setForm((current) => ({ ...current, [key]: value }));

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
      <RuleHeader
        rule={rule}
        title={title}
        canManage={canManage}
        saving={saving}
        onSave={() => save(form)}
        onRemove={remove}
      />
      <Layouts.Content>
        <Section title={t('rules.details')}>
          <Grid.Root gap={4}>
            <RuleTargetFields
              form={form}
              set={set}
              disabled={disabled}
              nameLocked={disabled || rule !== null}
              typeOptions={typeOptions}
              templateOptions={templateOptions}
            />
            <RuleScopeFields form={form} set={set} disabled={disabled} />
          </Grid.Root>
        </Section>
      </Layouts.Content>
    </Page.Main>
  );
};
