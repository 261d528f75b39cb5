import type {
  CreateRuleBody,
  RuleRecord,
  RuleStatus,
  UpdateRuleBody,
} from '../../../../shared/contracts/templates';
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
  shadowVersion: string;
  shadowSampleRate: string;
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
  shadowVersion: '',
  shadowSampleRate: '',
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
  shadowVersion: rule.shadow?.templateVersion ? String(rule.shadow.templateVersion) : '',
  shadowSampleRate: rule.shadow?.sampleRate !== undefined ? String(rule.shadow.sampleRate) : '',
});

/** The rule's shadow settings: null when neither is set (docs/templates.md, "Shadow rules"). */
const shadowOf = (form: RuleForm): Record<string, number> | null => {
  const version = form.shadowVersion.trim();
  const rate = form.shadowSampleRate.trim();
  if (version !== '' && !/^[1-9][0-9]*$/.test(version)) {
    throw new Error('shadow.templateVersion: a version number, or empty');
  }
  if (rate !== '' && !(Number(rate) >= 0 && Number(rate) <= 1)) {
    throw new Error('shadow.sampleRate: a number from 0 to 1, or empty');
  }
  if (version === '' && rate === '') return null;
  return {
    ...(version !== '' ? { templateVersion: Number(version) } : {}),
    ...(rate !== '' ? { sampleRate: Number(rate) } : {}),
  };
};

/** The body of POST/PUT /rules; throws an Error naming the field that does not parse. */
export const formToBody = (form: RuleForm, isNew: boolean): CreateRuleBody | UpdateRuleBody => {
  const version = form.templateVersion.trim();
  if (version !== '' && !/^[1-9][0-9]*$/.test(version)) {
    throw new Error('templateVersion: a version number, or empty for the latest passing one');
  }
  let params: UpdateRuleBody['params'] = {};
  if (form.params.trim() !== '') {
    const parsed: unknown = JSON.parse(form.params);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error('params: a JSON object');
    }
    // Each value's type is the server's to check (its 400 names the parameter).
    params = parsed as UpdateRuleBody['params'];
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
    shadow: shadowOf(form),
    entryFilter:
      tags || documentIds ? { ...(tags && { tags }), ...(documentIds && { documentIds }) } : null,
  };
};
