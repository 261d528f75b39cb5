import { SeriesLineChart } from './SeriesLineChart';

export interface WeeklyPoint {
  week: string;
  [series: string]: string | number | null;
}

/** One line per series over weeks, drawn like the experiment charts (same colours and axes). */
export const WeeklyLineChart = ({
  points,
  series,
  testId,
  domain,
}: {
  points: WeeklyPoint[];
  series: string[];
  testId: string;
  domain?: [number, number];
}) => (
  <SeriesLineChart
    points={points}
    series={series}
    xKey="week"
    testId={testId}
    height={240}
    yAxis={{ domain: domain ?? ['auto', 'auto'] }}
    dot
    connectNulls
  />
);
