import { Badge } from '@strapi/design-system';
import type { ExperimentRecord } from '../../../../shared/contracts/experiment-records';
import { useT } from '../../hooks/useT';

const COLORS: Record<ExperimentRecord['status'], [string, string]> = {
  draft: ['neutral150', 'neutral700'],
  running: ['success100', 'success700'],
  stopped: ['warning100', 'warning700'],
  archived: ['neutral150', 'neutral500'],
};

/** The experiment's state, with the phase while running (a new phase is analysed apart). */
export const StatusBadge = ({
  experiment,
}: {
  experiment: Pick<ExperimentRecord, 'status' | 'phase'>;
}) => {
  const t = useT();
  const [background, text] = COLORS[experiment.status];
  return (
    <Badge backgroundColor={background} textColor={text}>
      {t(`experiments.status.${experiment.status}`)}
      {experiment.status === 'running' && experiment.phase > 1
        ? ` · ${t('experiments.phase', { phase: experiment.phase })}`
        : ''}
    </Badge>
  );
};

/** "running · phase 2 · decision: ship sports": the header's subtitle. */
export const statusLine = (
  t: (id: string, values?: Record<string, string | number>) => string,
  experiment: Pick<ExperimentRecord, 'status' | 'phase' | 'decision'>
): string =>
  [
    t(`experiments.status.${experiment.status}`),
    t('experiments.phase', { phase: experiment.phase }),
    ...(experiment.decision
      ? [
          t('experiments.decision', {
            action: experiment.decision.action,
            arm: experiment.decision.arm ?? 'base',
          }),
        ]
      : []),
  ].join(' · ');
