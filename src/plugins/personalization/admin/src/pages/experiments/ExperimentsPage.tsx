import { Button } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { listExperiments } from '../../api';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import { Loading } from '../../components/Loading';
import { useCan } from '../../hooks/useCan';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { pagePath } from '../../pluginPaths';
import { ExperimentsTable } from './ExperimentsTable';

/** Every experiment with its state; the name opens the editor, "Results" the dashboard, "Bandit" a bandit's weights. */
export const ExperimentsPage = () => {
  const t = useT();
  const navigate = useNavigate();
  const canManage = useCan(PERMISSIONS.experimentsManage).allowed;
  const { state } = useLoad(listExperiments());
  return (
    <Page.Main>
      <Page.Title>{t('experiments.title')}</Page.Title>
      <Layouts.Header
        title={t('experiments.title')}
        subtitle={t('experiments.subtitle')}
        primaryAction={
          canManage ? (
            <Button startIcon={<Plus />} onClick={() => navigate(pagePath('experiments', 'new'))}>
              {t('experiments.create')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Loading state={state}>
          {(experiments) => <ExperimentsTable experiments={experiments} />}
        </Loading>
      </Layouts.Content>
    </Page.Main>
  );
};
