import { useEffect, useState } from 'react';
import type { TemplateParameter, TemplateRecord } from '../../../../shared/contracts/templates';
import { toDraft, type TestCaseDraft } from '../../components/template/testCaseDrafts';

const NEW_TEMPLATE_BODY = "{% if visitor.traits.plan == 'pro' %}{% variant 'premium' %}{% endif %}";

/** The template editor's fields, from the stored template or a new one's starting body. */
export const useTemplateFields = (template: TemplateRecord | null) => {
  const [name, setName] = useState(template?.name ?? '');
  const [description, setDescription] = useState(template?.description ?? '');
  const [body, setBody] = useState(template?.body ?? NEW_TEMPLATE_BODY);
  const [parameters, setParameters] = useState<TemplateParameter[]>(template?.parameters ?? []);
  const [drafts, setDrafts] = useState<TestCaseDraft[]>((template?.testCases ?? []).map(toDraft));
  const [note, setNote] = useState('');

  // A stored template's form is reset when a save or rollback makes a new version.
  useEffect(() => {
    if (!template) return;
    setDescription(template.description ?? '');
    setBody(template.body);
    setParameters(template.parameters ?? []);
    setDrafts((template.testCases ?? []).map(toDraft));
  }, [template]);

  return {
    name,
    setName,
    description,
    setDescription,
    body,
    setBody,
    parameters,
    setParameters,
    drafts,
    setDrafts,
    note,
    setNote,
  };
};
