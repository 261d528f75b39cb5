import { useState } from 'react';
import { useNotification } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import type {
  TemplateParameter,
  TemplateProblem,
  TemplateRecord,
  TestRun,
} from '../../../../shared/contracts/templates';
import { usePluginApi } from '../../api';
import type { fromDrafts } from '../../components/template/testCaseDrafts';
import { useT } from '../../hooks/useT';
import { pagePath } from '../../pluginPaths';
import { errorMessage, errorProblems } from '../../utils/errorMessage';

/** The editor's fields as a save sends them; test cases as converted from their drafts. */
export interface TemplateDraft {
  name: string;
  description: string;
  body: string;
  parameters: TemplateParameter[];
  note: string;
  converted: ReturnType<typeof fromDrafts>;
}

/** Saving (a new version, or a new template) and running the stored version's tests. */
export const useTemplateActions = (template: TemplateRecord | null, onSaved: () => void) => {
  const t = useT();
  const navigate = useNavigate();
  const api = usePluginApi();
  const { toggleNotification } = useNotification();
  const [saveProblems, setSaveProblems] = useState<TemplateProblem[]>([]);
  const [testRun, setTestRun] = useState<TestRun | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async (draft: TemplateDraft, clearNote: () => void) => {
    const { name, description, body, parameters, note, converted } = draft;
    if (converted.errors.length > 0) {
      toggleNotification({ type: 'danger', message: converted.errors.join('; ') });
      return;
    }
    setSaving(true);
    const payload = {
      description,
      body,
      parameters: parameters.filter((parameter) => parameter.name !== ''),
      testCases: converted.testCases,
    };
    try {
      if (template) {
        await api.saveTemplate(template.name, { ...payload, note: note || undefined });
        clearNote();
        onSaved();
      } else {
        await api.saveTemplate(null, { ...payload, name });
        navigate(pagePath('templates', name), { replace: true });
      }
      setSaveProblems([]);
      toggleNotification({ type: 'success', message: t('templates.saved') });
    } catch (error) {
      setSaveProblems(errorProblems(error));
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setSaving(false);
    }
  };

  const runTests = async () => {
    if (!template) return;
    try {
      setTestRun(await api.runTemplateTests(template.name));
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  return { saving, saveProblems, save, testRun, runTests };
};
