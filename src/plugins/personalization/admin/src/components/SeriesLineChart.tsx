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
  type YAxisProps,
} from 'recharts';
import { seriesColor } from '../pages/experiments/chartColors';

/**
 * One line per series over an x axis, with the plugin's chart scaffolding (grid, axes, tooltip,
 * legend, series colours, no animation) shared by the weekly, exposure and bandit charts.
 */
export const SeriesLineChart = ({
  points,
  series,
  xKey,
  testId,
  height,
  yAxis,
  lineType = 'monotone',
  dot,
  connectNulls,
}: {
  points: object[];
  series: string[];
  /** The points' field on the x axis. */
  xKey: string;
  testId: string;
  height: number;
  yAxis: Pick<YAxisProps, 'domain' | 'unit' | 'allowDecimals'>;
  lineType?: 'monotone' | 'stepAfter';
  dot: boolean;
  connectNulls?: boolean;
}) => (
  <Box data-testid={testId} style={{ width: '100%' }}>
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={points} margin={{ top: 10, right: 30, left: 10, bottom: 10 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey={xKey} />
        <YAxis {...yAxis} />
        <Tooltip />
        <Legend />
        {series.map((name, index) => (
          <Line
            key={name}
            type={lineType}
            dataKey={name}
            stroke={seriesColor(index)}
            strokeWidth={2}
            dot={dot}
            connectNulls={connectNulls}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  </Box>
);
