import { Box } from '@strapi/design-system';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { seriesColor } from '../pages/experiments/chartColors';

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
  <Box data-testid={testId} style={{ width: '100%' }}>
    <ResponsiveContainer width="100%" height={240}>
      <LineChart data={points} margin={{ top: 10, right: 30, left: 10, bottom: 10 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="week" />
        <YAxis domain={domain ?? ['auto', 'auto']} />
        <Tooltip />
        <Legend />
        {series.map((name, index) => (
          <Line
            key={name}
            type="monotone"
            dataKey={name}
            stroke={seriesColor(index)}
            strokeWidth={2}
            dot
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  </Box>
);
