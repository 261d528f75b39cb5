import type { RuleRecord, RuleStatus } from '../../../../shared/contracts/templates';
import { parseList } from '../../components/template/parameterValues';

/** A rule as the form edits it (numbers and JSON as text until saved). */
export interface RuleForm {
  name: string;
  description: string;
  contentType: string;
  template: string;
  templateVersion: string;
  params: string;
  priority: number | undefined;
  status: RuleStatus;
  flagName: string;
  filterTags: string;
  filterDocumentIds: string;
}

export const emptyRuleForm = (): RuleForm => ({
  name: '',
  description: '',
  contentType: '',
  template: '',
  templateVersion: '',
  params: '',
  priority: 0,
  status: 'disabled',
  flagName: '',
  filterTags: '',
  filterDocumentIds: '',
});

export const ruleToForm = (rule: RuleRecord): RuleForm => ({
  name: rule.name,
  description: rule.description ?? '',
  contentType: rule.contentType,
  template: rule.template,
  templateVersion: rule.templateVersion === null ? '' : String(rule.templateVersion),
  params: rule.params && Object.keys(rule.params).length > 0 ? JSON.stringify(rule.params) : '',
  priority: rule.priority ?? 0,
  status: rule.status,
  flagName: rule.flagName,
  filterTags: (rule.entryFilter?.tags ?? []).join(', '),
  filterDocumentIds: (rule.entryFilter?.documentIds ?? []).join(', '),
});

/** The body of POST/PUT /rules; throws an Error naming the field that does not parse. */
export const formToBody = (form: RuleForm, isNew: boolean): Record<string, unknown> => {
  const version = form.templateVersion.trim();
  if (version !== '' && !/^[1-9][0-9]*$/.test(version)) {
    throw new Error('templateVersion: a version number, or empty for the latest passing one');
  }
  let params: unknown = {};
  if (form.params.trim() !== '') {
    params = JSON.parse(form.params);
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      throw new Error('params: a JSON object');
    }
  }
  const tags = parseList(form.filterTags);
  const documentIds = parseList(form.filterDocumentIds);
  return {
    ...(isNew ? { name: form.name } : {}),
    description: form.description,
    contentType: form.contentType,
    template: form.template,
    templateVersion: version === '' ? null : Number(version),
    params,
    priority: form.priority ?? 0,
    status: form.status,
    ...(form.flagName.trim() !== '' ? { flagName: form.flagName.trim() } : {}),
    entryFilter:
      tags || documentIds ? { ...(tags && { tags }), ...(documentIds && { documentIds }) } : null,
  };
};
