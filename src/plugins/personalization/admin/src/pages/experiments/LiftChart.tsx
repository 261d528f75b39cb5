import { Box } from '@strapi/design-system';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ErrorBar,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { MetricResult } from '../../../../shared/contracts/experiments';
import { useT } from '../../hooks/useT';
import { liftDomain, liftRows, liftTicks } from './resultsView';

const ROW_HEIGHT = 56;

/**
 * Relative lift of each variant arm over base with its confidence interval (error bars); the
 * line at 0 % is "no effect": an interval that crosses it is not significant.
 */
export const LiftChart = ({ metric }: { metric: MetricResult }) => {
  const t = useT();
  const rows = liftRows(metric);
  if (rows.length === 0) return null;
  const domain = liftDomain(rows);
  return (
    <Box data-testid={`lift-chart-${metric.name}`} style={{ width: '100%' }}>
      <ResponsiveContainer width="100%" height={rows.length * ROW_HEIGHT + 60}>
        <BarChart
          data={rows}
          layout="vertical"
          margin={{ top: 10, right: 30, left: 10, bottom: 20 }}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            domain={domain}
            ticks={liftTicks(domain)}
            tickFormatter={(value: number) => `${value} %`}
            label={{ value: t('experiments.results.liftAxis'), position: 'insideBottom', dy: 15 }}
          />
          <YAxis type="category" dataKey="arm" width={110} />
          <ReferenceLine x={0} stroke="#666687" />
          <Tooltip
            formatter={(value) => `${Number(value).toFixed(2)} %`}
            labelFormatter={(arm) => String(arm)}
          />
          <Bar dataKey="estimate" barSize={18} isAnimationActive={false}>
            {rows.map((row) => (
              <Cell key={row.arm} fill={row.significant ? '#328048' : '#7b79ff'} />
            ))}
            <ErrorBar dataKey="error" width={10} strokeWidth={2} stroke="#212134" direction="x" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
};
