import { Badge, Flex, Typography } from '@strapi/design-system';
import type { TestRun } from '../../../../shared/contracts/templates';
import { useT } from '../../hooks/useT';
import { DataTable } from '../DataTable';

const show = (value: string | null) => (value === null ? '∅' : value);

/** One run of a template's test cases. */
export const TestResults = ({ run }: { run: TestRun }) => {
  const t = useT();
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="test-results">
      <Typography fontWeight="bold" textColor={run.passed ? 'success600' : 'danger600'}>
        {run.passed
          ? t('tests.passed', { total: run.total })
          : t('tests.failed', { failed: run.failed, total: run.total })}
      </Typography>
      <DataTable
        rows={run.results}
        rowKey={(result) => result.name}
        empty={t('tests.none')}
        columns={[
          { key: 'name', label: t('tests.name'), render: (result) => result.name },
          {
            key: 'expected',
            label: t('tests.expected'),
            render: (result) => show(result.expected),
          },
          { key: 'actual', label: t('tests.actual'), render: (result) => show(result.actual) },
          {
            key: 'outcome',
            label: t('tests.outcome'),
            render: (result) => (
              <Badge
                backgroundColor={result.passed ? 'success100' : 'danger100'}
                textColor={result.passed ? 'success700' : 'danger700'}
              >
                {result.passed ? t('tests.pass') : t('tests.fail')}
              </Badge>
            ),
          },
          { key: 'error', label: t('tests.error'), render: (result) => result.error ?? '' },
        ]}
      />
    </Flex>
  );
};
