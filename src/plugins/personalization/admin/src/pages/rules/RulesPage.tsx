import { Button } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { listRules } from '../../api';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import { Loading } from '../../components/Loading';
import { useCan } from '../../hooks/useCan';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { pagePath } from '../../pluginPaths';
import { RulesTable } from './RulesTable';

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
        <Loading state={state}>{(rules) => <RulesTable rules={rules} />}</Loading>
      </Layouts.Content>
    </Page.Main>
  );
};
