import { Button, Flex, Typography } from '@strapi/design-system';
import { Play } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { listFeedbackAudit, usePluginApi } from '../../api';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { WeeklyLineChart } from '../../components/WeeklyLineChart';
import { useCan } from '../../hooks/useCan';
import { useLoad } from '../../hooks/useLoad';
import { useRunNow } from '../../hooks/useRunNow';
import { useT } from '../../hooks/useT';
import { FeedbackAuditTable } from './FeedbackAuditTable';
import { FeedbackWarnings } from './FeedbackWarnings';
import { auditSegments, weeklySeries } from './feedbackView';

/** The feedback-loop audit: exposure concentration, coverage and tag entropy per week and segment. */
export const FeedbackAuditPage = () => {
  const t = useT();
  const api = usePluginApi();
  const canManage = useCan(PERMISSIONS.audienceManage).allowed;
  const { state, reload } = useLoad(listFeedbackAudit());
  const { running, run } = useRunNow(() => api.runFeedbackAudit(), reload);

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
            if (rows.length === 0) {
              return <Typography textColor="neutral600">{t('feedback.empty')}</Typography>;
            }
            return (
              <Flex direction="column" alignItems="stretch" gap={6}>
                <FeedbackWarnings rows={rows} />
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
                  <FeedbackAuditTable rows={rows} />
                </Section>
              </Flex>
            );
          }}
        </Loading>
      </Layouts.Content>
    </Page.Main>
  );
};
