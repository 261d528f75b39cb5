import { useState } from 'react';
import { Button } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { listSegments, usePluginApi } from '../../api';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { useCan } from '../../hooks/useCan';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errorMessage';
import { SegmentForm } from './SegmentForm';
import { SegmentsTable } from './SegmentsTable';

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
        {(segments) => <SegmentsTable segments={segments} canManage={canManage} remove={remove} />}
      </Loading>
    </Section>
  );
};
