import { Badge, Link, Typography } from '@strapi/design-system';
import { Link as RouterLink } from 'react-router-dom';
import { DataTable } from '../../components/DataTable';
import { useT } from '../../hooks/useT';
import { pagePath } from '../../pluginPaths';
import type { RuleRecord } from '../../../../shared/contracts/templates';

/** The rules with status, priority, flag, template version and content type. */
export const RulesTable = ({ rules }: { rules: RuleRecord[] }) => {
  const t = useT();
  return (
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
  );
};
