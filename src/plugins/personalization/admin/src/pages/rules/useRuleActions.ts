import { useState } from 'react';
import { useNotification } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import type { RuleRecord } from '../../../../shared/contracts/templates';
import { usePluginApi } from '../../api';
import { useT } from '../../hooks/useT';
import { pagePath } from '../../pluginPaths';
import { errorMessage } from '../../utils/errorMessage';
import { formToBody, type RuleForm } from './ruleForm';

/** Save (then back to the list) and delete, each notified on failure. */
export const useRuleActions = (rule: RuleRecord | null) => {
  const t = useT();
  const navigate = useNavigate();
  const api = usePluginApi();
  const { toggleNotification } = useNotification();
  const [saving, setSaving] = useState(false);

  const save = async (form: RuleForm) => {
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

  return { saving, save, remove };
};
