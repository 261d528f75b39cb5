import { useState } from 'react';
import { Badge, Button, Flex, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { listSegments, usePluginApi } from '../../api';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import { DataTable } from '../../components/DataTable';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { useCan } from '../../hooks/useCan';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errorMessage';
import { SegmentForm } from './SegmentForm';

/** Rule-based segments: their condition and how many callers are in each. */
export const SegmentsSection = () => {
  const t = useT();
  const api = usePluginApi();
  const { toggleNotification } = useNotification();
  const canManage = useCan(PERMISSIONS.audienceManage).allowed;
  const { state, reload } = useLoad(listSegments());
  const [creating, setCreating] = useState(false);

  const remove = async (name: string) => {
    if (!window.confirm(t('audience.segments.confirmDelete', { name }))) return;
    try {
      await api.deleteSegment(name);
      reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  return (
    <Section
      title={t('audience.segments.title')}
      actions={
        canManage && !creating ? (
          <Button startIcon={<Plus />} onClick={() => setCreating(true)}>
            {t('audience.segments.create')}
          </Button>
        ) : undefined
      }
    >
      {creating && (
        <SegmentForm
          onCancel={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            reload();
          }}
        />
      )}
      <Loading state={state}>
        {(segments) => (
          <DataTable
            rows={segments}
            rowKey={(segment) => segment.name}
            empty={t('audience.segments.empty')}
            columns={[
              {
                key: 'name',
                label: t('audience.segments.name'),
                render: (segment) => (
                  <Flex direction="column" alignItems="start">
                    <Typography fontWeight="bold">{segment.name}</Typography>
                    <Typography variant="pi" textColor="neutral600">
                      {segment.description ?? ''}
                    </Typography>
                  </Flex>
                ),
              },
              {
                key: 'enabled',
                label: t('audience.segments.enabled'),
                render: (segment) => (
                  <Badge
                    backgroundColor={segment.enabled ? 'success100' : 'neutral150'}
                    textColor={segment.enabled ? 'success700' : 'neutral700'}
                  >
                    {segment.enabled ? t('flags.on') : t('flags.off')}
                  </Badge>
                ),
              },
              {
                key: 'members',
                label: t('audience.segments.members'),
                render: (segment) => (
                  <Typography data-segment-members={segment.name}>{segment.members}</Typography>
                ),
              },
              {
                key: 'condition',
                label: t('audience.segments.condition'),
                render: (segment) => (
                  <Typography
                    variant="pi"
                    tag="code"
                    style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
                  >
                    {JSON.stringify(segment.condition, null, 1)}
                  </Typography>
                ),
              },
              {
                key: 'actions',
                label: t('versions.actions'),
                render: (segment) =>
                  canManage ? (
                    <Button
                      variant="danger-light"
                      size="S"
                      startIcon={<Trash />}
                      onClick={() => remove(segment.name)}
                    >
                      {t('common.delete')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        )}
      </Loading>
    </Section>
  );
};
