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
import type { WeightPoint } from './banditView';
import { seriesColor } from './chartColors';

/** One bandit scope's serving weight per arm over its reweights, in percent. */
export const BanditWeightsChart = ({
  points,
  arms,
  testId,
}: {
  points: WeightPoint[];
  arms: string[];
  testId: string;
}) => (
  <Box data-testid={testId} style={{ width: '100%' }}>
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={points} margin={{ top: 10, right: 30, left: 10, bottom: 10 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="time" />
        <YAxis domain={[0, 100]} unit=" %" />
        <Tooltip />
        <Legend />
        {arms.map((arm, index) => (
          <Line
            key={arm}
            type="stepAfter"
            dataKey={arm}
            stroke={seriesColor(index)}
            strokeWidth={2}
            dot={points.length < 30}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  </Box>
);
