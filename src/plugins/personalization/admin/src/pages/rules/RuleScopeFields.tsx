import { Grid } from '@strapi/design-system';
import { NumberField, TextAreaField, TextField } from '../../components/form/fields';
import { useT } from '../../hooks/useT';
import type { RuleFormBinding } from './ruleFormBinding';

/** Priority, flag, parameters, entry filter and shadow settings (grid items). */
export const RuleScopeFields = ({ form, set, disabled }: RuleFormBinding) => {
  const t = useT();
  return (
    <>
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
    </>
  );
};
