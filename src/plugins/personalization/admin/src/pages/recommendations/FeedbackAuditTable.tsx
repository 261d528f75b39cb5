import type { FeedbackAuditRecord } from '../../../../shared/contracts/recommendations';
import { column, DataTable } from '../../components/DataTable';
import { useT } from '../../hooks/useT';

const weekColumn = column<FeedbackAuditRecord>;

const percent = (value: number): string => `${(value * 100).toFixed(1)} %`;

/** Entropy, with its change against the week before (a drop is shown as −). */
const entropyCell = (row: FeedbackAuditRecord): string =>
  `${row.entropy.toFixed(2)}${row.entropyDrop === null ? '' : ` (${row.entropyDrop > 0 ? '−' : '+'}${Math.abs(row.entropyDrop).toFixed(2)})`}`;

/** One row per week and segment: exposures, top share, coverage and entropy. */
export const FeedbackAuditTable = ({ rows }: { rows: FeedbackAuditRecord[] }) => {
  const t = useT();
  return (
    <DataTable
      rows={rows}
      rowKey={(row) => `${row.segment}-${row.week}`}
      empty={t('feedback.empty')}
      columns={[
        weekColumn('week', t('feedback.table.week'), (row) => row.week),
        weekColumn('segment', t('feedback.table.segment'), (row) => row.segment),
        weekColumn('exposures', t('feedback.table.exposures'), (row) => String(row.exposures)),
        weekColumn('topShare', t('feedback.table.topShare'), (row) => percent(row.topShare)),
        weekColumn('coverage', t('feedback.table.coverage'), (row) => percent(row.coverage)),
        weekColumn('entropy', t('feedback.table.entropy'), entropyCell),
      ]}
    />
  );
};
