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
import type { ExperimentResults } from '../../../../shared/contracts/experiments';
import { seriesColor } from './chartColors';
import { cumulativeExposures } from './resultsView';

/** Cumulative exposures per arm by UTC day: lines that should stay in the planned ratio. */
export const ExposureChart = ({ results }: { results: ExperimentResults }) => {
  const arms = results.exposures.perArm.map((arm) => arm.arm);
  const points = cumulativeExposures(results.timeline, arms);
  return (
    <Box data-testid="exposure-chart" style={{ width: '100%' }}>
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={points} margin={{ top: 10, right: 30, left: 10, bottom: 10 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          {arms.map((arm, index) => (
            <Line
              key={arm}
              type="monotone"
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
};
