import { SeriesLineChart } from '../../components/SeriesLineChart';
import type { WeightPoint } from './banditView';

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
  <SeriesLineChart
    points={points}
    series={arms}
    xKey="time"
    testId={testId}
    height={220}
    yAxis={{ domain: [0, 100], unit: ' %' }}
    lineType="stepAfter"
    dot={points.length < 30}
  />
);
