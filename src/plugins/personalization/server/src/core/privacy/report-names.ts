/** The aggregate reports that may be shared outside the team, each released with noise. */
export const REPORT_NAMES = [
  'segment-sizes',
  'tag-affinity-by-segment',
  'events-per-entry-weekly',
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];
