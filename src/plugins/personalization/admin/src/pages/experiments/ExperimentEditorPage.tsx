import { useState } from 'react';
import { Flex } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import { getExperiment } from '../../api';
import type { ExperimentRecord } from '../../../../shared/contracts/experiment-records';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import { Loading } from '../../components/Loading';
import { useCan } from '../../hooks/useCan';
import { useLoad } from '../../hooks/useLoad';
import { useOptedInTypes } from '../../hooks/useOptedInTypes';
import { useT } from '../../hooks/useT';
import { DetailsSection } from './editor/DetailsSection';
import { EditorHeader } from './editor/EditorHeader';
import type { FormBinding } from './editor/formBinding';
import { FrozenNotice } from './editor/FrozenNotice';
import { MetricsSection } from './editor/MetricsSection';
import { PlanSection } from './editor/PlanSection';
import { TargetingSection } from './editor/TargetingSection';
import { useExperimentActions } from './editor/useExperimentActions';
import {
  emptyExperimentForm,
  experimentToForm,
  isReadOnly,
  type ExperimentForm,
} from './experimentForm';

/** Create an experiment (no name in the URL) or edit one; a running one's plan is frozen. */
export const ExperimentEditorPage = () => {
  const { name } = useParams<{ name: string }>();
  const { state, reload } = useLoad(name === undefined ? null : getExperiment(name));
  if (name === undefined) return <ExperimentEditor experiment={null} reload={reload} />;
  return (
    <Loading state={state}>
      {(experiment) => (
        <ExperimentEditor
          key={`${experiment.name}-${experiment.status}-${experiment.phase}`}
          experiment={experiment}
          reload={reload}
        />
      )}
    </Loading>
  );
};

const ExperimentEditor = ({
  experiment,
  reload,
}: {
  experiment: ExperimentRecord | null;
  reload: () => void;
}) => {
  const t = useT();
  const canManage = useCan(PERMISSIONS.experimentsManage).allowed;
  const types = useOptedInTypes();
  const [form, setForm] = useState<ExperimentForm>(
    experiment ? experimentToForm(experiment) : emptyExperimentForm()
  );
  const [newPhase, setNewPhase] = useState(false);
  const actions = useExperimentActions(experiment, reload);
  const status = experiment?.status ?? null;
  const binding: FormBinding = {
    form,
    set:
      <Key extends keyof ExperimentForm>(key: Key) =>
      (value: ExperimentForm[Key]) =>
        setForm((current) => ({ ...current, [key]: value })),
    readOnly: (field: string) => !canManage || isReadOnly(status, field, newPhase),
    errorOf: actions.errorOf,
  };
  const typeOptions = (types ?? [])
    .filter((type) => type.variants)
    .map((type) => ({ value: type.uid, label: type.uid }));
  const title = experiment ? experiment.name : t('experiments.new');

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <EditorHeader
        experiment={experiment}
        title={title}
        canManage={canManage}
        editable={canManage && status !== 'stopped' && status !== 'archived'}
        newPhase={newPhase}
        busy={actions.busy}
        onStart={actions.start}
        onSave={() => actions.save(form, newPhase)}
        onArchive={actions.archive}
        onRemove={actions.remove}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {status === 'running' && (
            <FrozenNotice newPhase={newPhase} setNewPhase={setNewPhase} canManage={canManage} />
          )}
          <DetailsSection
            {...binding}
            nameLocked={!canManage || experiment !== null}
            typeOptions={typeOptions}
          />
          <TargetingSection {...binding} />
          <MetricsSection {...binding} />
          <PlanSection {...binding} />
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
