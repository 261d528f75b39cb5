import type { FeedbackAuditRecord } from '../../../../shared/contracts/recommendations';
import type { WeeklyPoint } from '../../components/WeeklyLineChart';

type Metric = 'entropy' | 'coverage' | 'topShare';

/** Segments in the audit, `all` first. */
export const auditSegments = (rows: readonly FeedbackAuditRecord[]): string[] => {
  const names = [...new Set(rows.map((row) => row.segment))].sort();
  return names.includes('all') ? ['all', ...names.filter((name) => name !== 'all')] : names;
};

/** One point per week with a value per segment (null where a segment had no events that week). */
export const weeklySeries = (
  rows: readonly FeedbackAuditRecord[],
  metric: Metric
): WeeklyPoint[] => {
  const weeks = [...new Set(rows.map((row) => row.week))].sort();
  const segments = auditSegments(rows);
  return weeks.map((week) => {
    const point: WeeklyPoint = { week };
    for (const segment of segments) {
      const row = rows.find(
        (candidate) => candidate.week === week && candidate.segment === segment
      );
      point[segment] = row ? Math.round(row[metric] * 1000) / 1000 : null;
    }
    return point;
  });
};
