import { Alert } from '@strapi/design-system';
import type { FeedbackAuditRecord } from '../../../../shared/contracts/recommendations';
import { useT } from '../../hooks/useT';

/** One warning per week and segment whose tag entropy dropped past the threshold. */
export const FeedbackWarnings = ({ rows }: { rows: FeedbackAuditRecord[] }) => {
  const t = useT();
  const warnings = rows.filter((row) => row.warning);
  return (
    <>
      {warnings.map((row) => (
        <Alert
          key={`${row.segment}-${row.week}`}
          variant="warning"
          closeLabel={t('feedback.close')}
          title={t('feedback.warning.title')}
          data-testid="feedback-warning"
        >
          {t('feedback.warning.body', {
            segment: row.segment,
            week: row.week,
            drop: (row.entropyDrop ?? 0).toFixed(2),
          })}
        </Alert>
      ))}
    </>
  );
};
