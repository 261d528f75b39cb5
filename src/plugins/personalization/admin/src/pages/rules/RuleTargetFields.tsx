import { Grid } from '@strapi/design-system';
import type { RuleStatus } from '../../../../shared/contracts/templates';
import { SelectField, TextField } from '../../components/form/fields';
import { useT } from '../../hooks/useT';
import type { RuleFormBinding } from './ruleFormBinding';

type Options = Array<{ value: string; label: string }>;

/** Name, description, content type, template and version, status (grid items). */
export const RuleTargetFields = ({
  form,
  set,
  disabled,
  nameLocked,
  typeOptions,
  templateOptions,
}: RuleFormBinding & { nameLocked: boolean; typeOptions: Options; templateOptions: Options }) => {
  const t = useT();
  return (
    <>
      <Grid.Item col={6} alignItems="start">
        <TextField
          name="name"
          label={t('rules.name')}
          value={form.name}
          onChange={set('name')}
          disabled={nameLocked}
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
    </>
  );
};
