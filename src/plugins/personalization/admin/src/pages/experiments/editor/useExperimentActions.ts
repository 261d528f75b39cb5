import { useState } from 'react';
import { useNotification } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import type { ExperimentRecord } from '../../../../../shared/contracts/experiment-records';
import { usePluginApi } from '../../../api';
import { useT } from '../../../hooks/useT';
import { pagePath } from '../../../pluginPaths';
import { errorMessage } from '../../../utils/errorMessage';
import { fieldOfError, formToBody, type ExperimentForm } from '../experimentForm';

/** Save, start, archive and delete, each notified; a failure naming a field marks that field. */
export const useExperimentActions = (experiment: ExperimentRecord | null, reload: () => void) => {
  const t = useT();
  const navigate = useNavigate();
  const api = usePluginApi();
  const { toggleNotification } = useNotification();
  const [errorField, setErrorField] = useState<{ field: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

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

  const save = (form: ExperimentForm, newPhase: boolean) =>
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

  const errorOf = (field: string) => (errorField?.field === field ? errorField.message : undefined);
  return { busy, errorOf, save, start, archive, remove };
};
