import { useState } from 'react';
import { Badge, Button, Flex, Grid, Typography } from '@strapi/design-system';
import { ArrowClockwise, Check, Cross } from '@strapi/icons';
import { BackButton, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { getShadowReport, usePluginApi } from '../../api';
import { useParams } from 'react-router-dom';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import { DataTable } from '../../components/DataTable';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { useCan } from '../../hooks/useCan';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { pagePath } from '../../pluginPaths';
import { errorMessage } from '../../utils/errorMessage';

const percent = (share: number | null): string =>
  share === null ? '–' : `${(share * 100).toFixed(1)} %`;
const ms = (value: number | null): string => (value === null ? '–' : `${value.toFixed(2)} ms`);

const Figure = ({ label, value, testId }: { label: string; value: string; testId?: string }) => (
  <Flex direction="column" alignItems="start" gap={1}>
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    <Typography variant="beta" data-testid={testId}>
      {value}
    </Typography>
  </Flex>
);

/** What a rule in shadow would have changed: divergence overall and per segment, examples, errors, timing. */
export const ShadowReportPage = () => {
  const { name = '' } = useParams<{ name: string }>();
  const t = useT();
  const api = usePluginApi();
  const { toggleNotification } = useNotification();
  const canManage = useCan(PERMISSIONS.rulesManage).allowed;
  const { state, reload } = useLoad(getShadowReport(name));
  const [acting, setActing] = useState(false);

  const act = async (action: 'promote' | 'discard') => {
    setActing(true);
    try {
      await api.shadowAction(name, action);
      toggleNotification({
        type: 'success',
        message: t(action === 'promote' ? 'shadow.promoted' : 'shadow.discarded'),
      });
      reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setActing(false);
    }
  };

  const title = t('shadow.title', { name });
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Loading state={state}>
        {(report) => (
          <>
            <Layouts.Header
              title={title}
              subtitle={t('shadow.subtitle')}
              navigationAction={<BackButton fallback={pagePath('rules', name)} />}
              primaryAction={
                canManage && report.shadowing ? (
                  <Flex gap={2}>
                    <Button
                      variant="danger-light"
                      startIcon={<Cross />}
                      onClick={() => act('discard')}
                      loading={acting}
                    >
                      {t('shadow.discard')}
                    </Button>
                    <Button startIcon={<Check />} onClick={() => act('promote')} loading={acting}>
                      {t('shadow.promote')}
                    </Button>
                  </Flex>
                ) : undefined
              }
              secondaryAction={
                <Button variant="tertiary" startIcon={<ArrowClockwise />} onClick={reload}>
                  {t('shadow.refresh')}
                </Button>
              }
            />
            <Layouts.Content>
              <Flex direction="column" alignItems="stretch" gap={6}>
                <Section
                  title={t('shadow.overall')}
                  actions={
                    <Badge
                      backgroundColor={report.shadowing ? 'warning100' : 'neutral150'}
                      textColor={report.shadowing ? 'warning700' : 'neutral700'}
                    >
                      {report.shadowing
                        ? t('shadow.candidate', {
                            version: report.candidate?.templateVersion ?? t('shadow.latest'),
                            rate: percent(report.sampleRate),
                          })
                        : t('shadow.notShadowing')}
                    </Badge>
                  }
                >
                  <Grid.Root gap={4}>
                    <Grid.Item col={3}>
                      <Figure
                        label={t('shadow.evaluated')}
                        value={String(report.evaluated)}
                        testId="shadow-evaluated"
                      />
                    </Grid.Item>
                    <Grid.Item col={3}>
                      <Figure
                        label={t('shadow.divergence')}
                        value={`${percent(report.divergence)} (${report.diverged})`}
                        testId="shadow-divergence"
                      />
                    </Grid.Item>
                    <Grid.Item col={3}>
                      <Figure
                        label={t('shadow.errors')}
                        value={String(report.errors)}
                        testId="shadow-errors"
                      />
                    </Grid.Item>
                    <Grid.Item col={3}>
                      <Figure label={t('shadow.dropped')} value={String(report.dropped)} />
                    </Grid.Item>
                  </Grid.Root>
                </Section>
                <Section title={t('shadow.segments')}>
                  <DataTable
                    rows={report.segments}
                    rowKey={(row) => row.segment}
                    empty={t('shadow.none')}
                    columns={[
                      {
                        key: 'segment',
                        label: t('shadow.segment'),
                        render: (row) => <Typography>{row.segment}</Typography>,
                      },
                      {
                        key: 'evaluated',
                        label: t('shadow.evaluated'),
                        render: (row) => <Typography>{row.evaluated}</Typography>,
                      },
                      {
                        key: 'diverged',
                        label: t('shadow.diverged'),
                        render: (row) => <Typography>{row.diverged}</Typography>,
                      },
                      {
                        key: 'divergence',
                        label: t('shadow.divergence'),
                        render: (row) => <Typography>{percent(row.divergence)}</Typography>,
                      },
                    ]}
                  />
                </Section>
                <Section title={t('shadow.examples')}>
                  <DataTable
                    rows={report.examples}
                    rowKey={(row) => `${row.callerKey}-${row.differences[0]?.documentId ?? ''}`}
                    empty={t('shadow.noDifferences')}
                    columns={[
                      {
                        key: 'caller',
                        label: t('shadow.caller'),
                        render: (row) => <Typography>{row.callerKey.slice(0, 12)}…</Typography>,
                      },
                      {
                        key: 'traits',
                        label: t('shadow.traits'),
                        render: (row) => <Typography>{JSON.stringify(row.traits)}</Typography>,
                      },
                      {
                        key: 'segments',
                        label: t('shadow.segments'),
                        render: (row) => <Typography>{row.segments.join(', ') || '–'}</Typography>,
                      },
                      {
                        key: 'differences',
                        label: t('shadow.differences'),
                        render: (row) => (
                          <Typography>
                            {row.differences
                              .map(
                                (difference) =>
                                  `${difference.documentId}: ${difference.live ?? 'base'} → ${difference.candidate ?? 'base'}`
                              )
                              .join('; ')}
                          </Typography>
                        ),
                      },
                    ]}
                  />
                </Section>
                <Section title={t('shadow.errorsAndTiming')}>
                  <Grid.Root gap={4}>
                    <Grid.Item col={4}>
                      <Figure label={t('shadow.meanTime')} value={ms(report.timing.meanMs)} />
                    </Grid.Item>
                    <Grid.Item col={4}>
                      <Figure
                        label={t('shadow.maxTime')}
                        value={report.timing.count > 0 ? ms(report.timing.maxMs) : '–'}
                      />
                    </Grid.Item>
                    <Grid.Item col={4}>
                      <Figure
                        label={t('shadow.histogram')}
                        value={
                          report.timing.histogram
                            .filter((bucket) => bucket.count > 0)
                            .map(
                              (bucket) =>
                                `${bucket.upToMs === null ? '>100' : `≤${bucket.upToMs}`}: ${bucket.count}`
                            )
                            .join('  ') || '–'
                        }
                      />
                    </Grid.Item>
                  </Grid.Root>
                  {report.recentErrors.length > 0 ? (
                    <Flex
                      direction="column"
                      alignItems="start"
                      gap={1}
                      data-testid="shadow-recent-errors"
                    >
                      {report.recentErrors.map((message, index) => (
                        <Typography key={`${index}-${message}`} textColor="danger600">
                          {message}
                        </Typography>
                      ))}
                    </Flex>
                  ) : null}
                </Section>
              </Flex>
            </Layouts.Content>
          </>
        )}
      </Loading>
    </Page.Main>
  );
};
