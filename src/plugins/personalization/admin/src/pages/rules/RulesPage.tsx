import { Badge, Button, Link, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { listRules } from '../../api';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import { DataTable } from '../../components/DataTable';
import { Loading } from '../../components/Loading';
import { useCan } from '../../hooks/useCan';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { pagePath } from '../../pluginPaths';

/** Rules in evaluation order (priority first), with their status and flag. */
export const RulesPage = () => {
  const t = useT();
  const navigate = useNavigate();
  const canManage = useCan(PERMISSIONS.rulesManage).allowed;
  const { state } = useLoad(listRules());
  return (
    <Page.Main>
      <Page.Title>{t('rules.title')}</Page.Title>
      <Layouts.Header
        title={t('rules.title')}
        subtitle={t('rules.subtitle')}
        primaryAction={
          canManage ? (
            <Button startIcon={<Plus />} onClick={() => navigate(pagePath('rules', 'new'))}>
              {t('rules.create')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Loading state={state}>
          {(rules) => (
            <DataTable
              rows={rules}
              rowKey={(rule) => rule.name}
              empty={t('rules.empty')}
              columns={[
                {
                  key: 'name',
                  label: t('rules.name'),
                  render: (rule) => (
                    <Link tag={RouterLink} to={pagePath('rules', rule.name)}>
                      {rule.name}
                    </Link>
                  ),
                },
                {
                  key: 'status',
                  label: t('rules.status'),
                  render: (rule) => (
                    <Badge
                      backgroundColor={
                        rule.status === 'active'
                          ? 'success100'
                          : rule.status === 'shadow'
                            ? 'warning100'
                            : 'neutral150'
                      }
                      textColor={
                        rule.status === 'active'
                          ? 'success700'
                          : rule.status === 'shadow'
                            ? 'warning700'
                            : 'neutral700'
                      }
                    >
                      {t(`rules.status.${rule.status}`)}
                    </Badge>
                  ),
                },
                {
                  key: 'priority',
                  label: t('rules.priority'),
                  render: (rule) => <Typography>{rule.priority ?? 0}</Typography>,
                },
                {
                  key: 'flag',
                  label: t('rules.flag'),
                  render: (rule) => <Typography>{rule.flagName}</Typography>,
                },
                {
                  key: 'template',
                  label: t('rules.template'),
                  render: (rule) => (
                    <Typography>
                      {rule.template}
                      {rule.templateVersion !== null ? ` v${rule.templateVersion}` : ''}
                    </Typography>
                  ),
                },
                {
                  key: 'contentType',
                  label: t('rules.contentType'),
                  render: (rule) => <Typography>{rule.contentType}</Typography>,
                },
              ]}
            />
          )}
        </Loading>
      </Layouts.Content>
    </Page.Main>
  );
};
