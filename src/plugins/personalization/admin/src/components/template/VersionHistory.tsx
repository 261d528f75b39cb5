import { useState } from 'react';
import { Badge, Button, Flex, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { listTemplateVersions, usePluginApi } from '../../api';
import type { TemplateRecord, TemplateVersionRecord } from '../../../../shared/contracts/templates';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errorMessage';
import { DataTable } from '../DataTable';
import { Loading } from '../Loading';
import { DiffView } from './DiffView';
import { versionText } from './versionText';

interface Props {
  template: TemplateRecord;
  canManage: boolean;
  /** Called after a rollback stored a new version. */
  onRolledBack: () => void;
}

/** Every stored version (mount it keyed by the latest version to refresh); pick one to see its diff against the latest, and roll back to it. */
export const VersionHistory = ({ template, canManage, onRolledBack }: Props) => {
  const t = useT();
  const api = usePluginApi();
  const { toggleNotification } = useNotification();
  const { state, reload } = useLoad(listTemplateVersions(template.name));
  const [compared, setCompared] = useState<TemplateVersionRecord | null>(null);

  const compare = async (version: number) => {
    try {
      setCompared(await api.getTemplateVersion(template.name, version));
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  const rollback = async (version: number) => {
    try {
      await api.rollbackTemplate(template.name, version);
      toggleNotification({ type: 'success', message: t('versions.rolledBack', { version }) });
      setCompared(null);
      reload();
      onRolledBack();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Loading state={state}>
        {(versions) => (
          <DataTable
            rows={versions}
            rowKey={(version) => String(version.version)}
            empty={t('versions.empty')}
            columns={[
              { key: 'version', label: t('versions.version'), render: (row) => row.version },
              { key: 'note', label: t('versions.note'), render: (row) => row.note ?? '' },
              {
                key: 'tests',
                label: t('versions.tests'),
                render: (row) => (
                  <Badge>{row.testsPassed ? t('tests.pass') : t('tests.fail')}</Badge>
                ),
              },
              {
                key: 'created',
                label: t('versions.created'),
                render: (row) => new Date(row.createdAt).toLocaleString(),
              },
              {
                key: 'actions',
                label: t('versions.actions'),
                render: (row) =>
                  row.version === template.latestVersion ? (
                    <Typography>{t('versions.latest')}</Typography>
                  ) : (
                    <Flex gap={2}>
                      <Button variant="tertiary" size="S" onClick={() => compare(row.version)}>
                        {t('versions.compare')}
                      </Button>
                      {canManage && (
                        <Button variant="secondary" size="S" onClick={() => rollback(row.version)}>
                          {t('versions.rollback')}
                        </Button>
                      )}
                    </Flex>
                  ),
              },
            ]}
          />
        )}
      </Loading>
      {compared && (
        <Flex direction="column" alignItems="stretch" gap={2}>
          <Typography variant="delta" tag="h3">
            {t('versions.diffTitle', {
              version: compared.version,
              latest: template.latestVersion,
            })}
          </Typography>
          <DiffView before={versionText(compared)} after={versionText(template)} />
        </Flex>
      )}
    </Flex>
  );
};
