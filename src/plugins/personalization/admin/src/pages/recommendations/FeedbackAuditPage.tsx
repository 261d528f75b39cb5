import { useState } from 'react';
import { Alert, Button, Flex, Typography } from '@strapi/design-system';
import { Play } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { listFeedbackAudit, usePluginApi } from '../../api';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import { DataTable } from '../../components/DataTable';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { WeeklyLineChart } from '../../components/WeeklyLineChart';
import { useCan } from '../../hooks/useCan';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errorMessage';
import { auditSegments, weeklySeries } from './feedbackView';

const percent = (value: number): string => `${(value * 100).toFixed(1)} %`;

/** The feedback-loop audit: exposure concentration, coverage and tag entropy per week and segment. */
export const FeedbackAuditPage = () => {
  const t = useT();
  const api = usePluginApi();
  const { toggleNotification } = useNotification();
  const canManage = useCan(PERMISSIONS.audienceManage).allowed;
  const { state, reload } = useLoad(listFeedbackAudit());
  const [running, setRunning] = useState(false);

  const run = async () => {
    setRunning(true);
    try {
      await api.runFeedbackAudit();
      reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setRunning(false);
    }
  };

  return (
    <Page.Main>
      <Page.Title>{t('feedback.title')}</Page.Title>
      <Layouts.Header
        title={t('feedback.title')}
        subtitle={t('feedback.subtitle')}
        primaryAction={
          canManage ? (
            <Button startIcon={<Play />} onClick={run} loading={running}>
              {t('feedback.run')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Loading state={state}>
          {(rows) => {
            const segments = auditSegments(rows);
            const warnings = rows.filter((row) => row.warning);
            if (rows.length === 0) {
              return <Typography textColor="neutral600">{t('feedback.empty')}</Typography>;
            }
            return (
              <Flex direction="column" alignItems="stretch" gap={6}>
                {warnings.map((row) => (
                  <Alert
                    key={`${row.segment}-${row.week}`}
                    variant="warning"
                    closeLabel={t('feedback.close')}
                    title={t('feedback.warning.title')}
                    data-testid="feedback-warning"
                  >
                    {t('feedback.warning.body', {
                      segment: row.segment,
                      week: row.week,
                      drop: (row.entropyDrop ?? 0).toFixed(2),
                    })}
                  </Alert>
                ))}
                <Section title={t('feedback.entropy.title')}>
                  <Typography textColor="neutral600">{t('feedback.entropy.about')}</Typography>
                  <WeeklyLineChart
                    testId="feedback-entropy-chart"
                    points={weeklySeries(rows, 'entropy')}
                    series={segments}
                  />
                </Section>
                <Section title={t('feedback.coverage.title')}>
                  <Typography textColor="neutral600">{t('feedback.coverage.about')}</Typography>
                  <WeeklyLineChart
                    testId="feedback-coverage-chart"
                    points={weeklySeries(rows, 'coverage')}
                    series={segments}
                    domain={[0, 1]}
                  />
                </Section>
                <Section title={t('feedback.topShare.title')}>
                  <Typography textColor="neutral600">{t('feedback.topShare.about')}</Typography>
                  <WeeklyLineChart
                    testId="feedback-top-share-chart"
                    points={weeklySeries(rows, 'topShare')}
                    series={segments}
                    domain={[0, 1]}
                  />
                </Section>
                <Section title={t('feedback.table.title')}>
                  <DataTable
                    rows={rows}
                    rowKey={(row) => `${row.segment}-${row.week}`}
                    empty={t('feedback.empty')}
                    columns={[
                      { key: 'week', label: t('feedback.table.week'), render: (row) => row.week },
                      {
                        key: 'segment',
                        label: t('feedback.table.segment'),
                        render: (row) => row.segment,
                      },
                      {
                        key: 'exposures',
                        label: t('feedback.table.exposures'),
                        render: (row) => String(row.exposures),
                      },
                      {
                        key: 'topShare',
                        label: t('feedback.table.topShare'),
                        render: (row) => percent(row.topShare),
                      },
                      {
                        key: 'coverage',
                        label: t('feedback.table.coverage'),
                        render: (row) => percent(row.coverage),
                      },
                      {
                        key: 'entropy',
                        label: t('feedback.table.entropy'),
                        render: (row) =>
                          `${row.entropy.toFixed(2)}${row.entropyDrop === null ? '' : ` (${row.entropyDrop > 0 ? '−' : '+'}${Math.abs(row.entropyDrop).toFixed(2)})`}`,
                      },
                    ]}
                  />
                </Section>
              </Flex>
            );
          }}
        </Loading>
      </Layouts.Content>
    </Page.Main>
  );
};
