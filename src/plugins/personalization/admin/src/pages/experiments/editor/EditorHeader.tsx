import { Button, Flex } from '@strapi/design-system';
import { Check, ChartPie, Play, Trash } from '@strapi/icons';
import { BackButton, Layouts } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import type { ExperimentRecord } from '../../../../../shared/contracts/experiment-records';
import { useT } from '../../../hooks/useT';
import { pagePath } from '../../../pluginPaths';
import { statusLine } from '../StatusBadge';

/** Title, status line and the actions the experiment's status allows. */
export const EditorHeader = ({
  experiment,
  title,
  canManage,
  editable,
  newPhase,
  busy,
  onStart,
  onSave,
  onArchive,
  onRemove,
}: {
  experiment: ExperimentRecord | null;
  title: string;
  canManage: boolean;
  editable: boolean;
  newPhase: boolean;
  busy: boolean;
  onStart: () => void;
  onSave: () => void;
  onArchive: () => void;
  onRemove: () => void;
}) => {
  const t = useT();
  const navigate = useNavigate();
  const status = experiment?.status ?? null;
  return (
    <Layouts.Header
      title={title}
      subtitle={experiment ? statusLine(t, experiment) : undefined}
      navigationAction={<BackButton fallback={pagePath('experiments')} />}
      primaryAction={
        <Flex gap={2}>
          {experiment && status !== 'draft' && (
            <Button
              variant="secondary"
              startIcon={<ChartPie />}
              onClick={() => navigate(pagePath('experiments', experiment.name, 'results'))}
            >
              {t('experiments.results')}
            </Button>
          )}
          {canManage && status === 'draft' && (
            <Button variant="success" startIcon={<Play />} onClick={onStart} loading={busy}>
              {t('experiments.start')}
            </Button>
          )}
          {editable && (status !== 'running' || newPhase) && (
            <Button startIcon={<Check />} onClick={onSave} loading={busy}>
              {t('common.save')}
            </Button>
          )}
        </Flex>
      }
      secondaryAction={
        canManage && experiment ? (
          <Flex gap={2}>
            {status === 'stopped' && (
              <Button variant="tertiary" onClick={onArchive}>
                {t('experiments.archive')}
              </Button>
            )}
            {(status === 'draft' || status === 'archived') && (
              <Button variant="danger-light" startIcon={<Trash />} onClick={onRemove}>
                {t('common.delete')}
              </Button>
            )}
          </Flex>
        ) : undefined
      }
    />
  );
};
