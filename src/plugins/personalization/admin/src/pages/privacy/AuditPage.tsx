import { useCallback, useEffect, useState } from 'react';
import { Button, Flex, Grid, Typography } from '@strapi/design-system';
import { Search } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { usePluginApi } from '../../api';
import { AUDIT_ACTIONS, type AuditRecord } from '../../../../shared/contracts/privacy';
import { DataTable } from '../../components/DataTable';
import { SelectField, TextField } from '../../components/form/fields';
import { Section } from '../../components/Section';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errorMessage';
import { ANY, auditQuery, type AuditFilters as Filters } from './auditQuery';

/** The access audit log: who read, exported or erased whose data, and consent changes. */
export const AuditPage = () => {
  const t = useT();
  const api = usePluginApi();
  const [filters, setFilters] = useState<Filters>({
    subject: '',
    action: ANY,
    since: '',
    limit: '100',
  });
  const [rows, setRows] = useState<AuditRecord[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(
    async (current: Filters) => {
      setProblem(null);
      try {
        setRows(await api.listAudit(auditQuery(current)));
      } catch (error) {
        setRows([]);
        setProblem(errorMessage(error));
      }
    },
    [api]
  );

  useEffect(() => {
    void load({ subject: '', action: ANY, since: '', limit: '100' });
  }, [load]);

  const set = (key: keyof Filters) => (value: string) =>
    setFilters((current) => ({ ...current, [key]: value }));

  return (
    <Page.Main>
      <Page.Title>{t('audit.title')}</Page.Title>
      <Layouts.Header title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Section title={t('audit.filters')}>
            <Grid.Root gap={4}>
              <Grid.Item col={4} alignItems="start">
                <TextField
                  name="audit-subject"
                  label={t('audit.subject')}
                  hint={t('audit.subjectHint')}
                  value={filters.subject}
                  onChange={set('subject')}
                />
              </Grid.Item>
              <Grid.Item col={3} alignItems="start">
                <SelectField
                  name="audit-action"
                  label={t('audit.action')}
                  value={filters.action}
                  onChange={set('action')}
                  options={[
                    { value: ANY, label: t('audit.anyAction') },
                    ...AUDIT_ACTIONS.map((action) => ({ value: action, label: action })),
                  ]}
                />
              </Grid.Item>
              <Grid.Item col={3} alignItems="start">
                <TextField
                  name="audit-since"
                  label={t('audit.since')}
                  placeholder="2026-12-01T00:00:00Z"
                  value={filters.since}
                  onChange={set('since')}
                />
              </Grid.Item>
              <Grid.Item col={1} alignItems="start">
                <TextField
                  name="audit-limit"
                  label={t('audit.limit')}
                  value={filters.limit}
                  onChange={set('limit')}
                />
              </Grid.Item>
              <Grid.Item col={1} alignItems="end">
                <Button startIcon={<Search />} onClick={() => load(filters)}>
                  {t('audit.apply')}
                </Button>
              </Grid.Item>
            </Grid.Root>
            {problem && (
              <Typography textColor="danger600" role="alert">
                {problem}
              </Typography>
            )}
          </Section>
          <Section title={t('audit.rows', { count: rows.length })}>
            <DataTable
              rows={rows}
              rowKey={(row) => String(row.id)}
              empty={t('audit.empty')}
              columns={[
                { key: 'at', label: t('audit.at'), render: (row) => row.at },
                {
                  key: 'actor',
                  label: t('audit.actor'),
                  render: (row) => `${row.actor.type} ${row.actor.id.slice(0, 16)}`,
                },
                { key: 'action', label: t('audit.action'), render: (row) => row.action },
                {
                  key: 'subject',
                  label: t('audit.subject'),
                  render: (row) => (
                    <span title={row.subjectKey}>{`${row.subjectKey.slice(0, 12)}…`}</span>
                  ),
                },
                { key: 'request', label: t('audit.request'), render: (row) => row.requestId },
              ]}
            />
          </Section>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
