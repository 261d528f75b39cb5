import { Button, Link, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { listTemplates } from '../../api';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import { DataTable } from '../../components/DataTable';
import { Loading } from '../../components/Loading';
import { useCan } from '../../hooks/useCan';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { pagePath } from '../../pluginPaths';

export const TemplatesPage = () => {
  const t = useT();
  const navigate = useNavigate();
  const canManage = useCan(PERMISSIONS.rulesManage).allowed;
  const { state } = useLoad(listTemplates());
  return (
    <Page.Main>
      <Page.Title>{t('templates.title')}</Page.Title>
      <Layouts.Header
        title={t('templates.title')}
        subtitle={t('templates.subtitle')}
        primaryAction={
          canManage ? (
            <Button startIcon={<Plus />} onClick={() => navigate(pagePath('templates', 'new'))}>
              {t('templates.create')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Loading state={state}>
          {(templates) => (
            <DataTable
              rows={templates}
              rowKey={(template) => template.name}
              empty={t('templates.empty')}
              columns={[
                {
                  key: 'name',
                  label: t('templates.name'),
                  render: (template) => (
                    <Link tag={RouterLink} to={pagePath('templates', template.name)}>
                      {template.name}
                    </Link>
                  ),
                },
                {
                  key: 'description',
                  label: t('templates.description'),
                  render: (template) => <Typography>{template.description ?? ''}</Typography>,
                },
                {
                  key: 'version',
                  label: t('templates.version'),
                  render: (template) => <Typography>{template.latestVersion}</Typography>,
                },
                {
                  key: 'updated',
                  label: t('templates.updated'),
                  render: (template) => (
                    <Typography>{new Date(template.updatedAt).toLocaleString()}</Typography>
                  ),
                },
              ]}
            />
          )}
        </Loading>
      </Layouts.Content>
    </Page.Main>
  );
};
