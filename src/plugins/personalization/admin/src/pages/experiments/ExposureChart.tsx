import type { ExperimentResults } from '../../../../shared/contracts/experiments';
import { SeriesLineChart } from '../../components/SeriesLineChart';
import { cumulativeExposures } from './resultsView';

/** Cumulative exposures per arm by UTC day: lines that should stay in the planned ratio. */
export const ExposureChart = ({ results }: { results: ExperimentResults }) => {
  const arms = results.exposures.perArm.map((arm) => arm.arm);
  const points = cumulativeExposures(results.timeline, arms);
  return (
    <SeriesLineChart
      points={points}
      series={arms}
      xKey="day"
      testId="exposure-chart"
      height={260}
      yAxis={{ allowDecimals: false }}
      dot={points.length < 30}
    />
  );
};
