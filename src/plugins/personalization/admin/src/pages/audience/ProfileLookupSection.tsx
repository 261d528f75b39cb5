import { useState } from 'react';
import { Button, Flex, Grid, Typography } from '@strapi/design-system';
import { Download, Search, Trash } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { usePluginApi, type CallerIdKind } from '../../api';
import type { CallerProfileRecord } from '../../../../shared/contracts/audience';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import { DataTable } from '../../components/DataTable';
import { SelectField, TextField } from '../../components/form/fields';
import { Section } from '../../components/Section';
import { useCan } from '../../hooks/useCan';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errorMessage';

type Kind = CallerIdKind;

/** Looks up what is stored about one visitor or user, and erases it on request. */
export const ProfileLookupSection = () => {
  const t = useT();
  const api = usePluginApi();
  const { toggleNotification } = useNotification();
  const canErase = useCan(PERMISSIONS.audienceErase).allowed;
  const canExport = useCan(PERMISSIONS.audienceExport).allowed;
  const [kind, setKind] = useState<Kind>('visitorId');
  const [id, setId] = useState('');
  const [found, setFound] = useState<CallerProfileRecord | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const lookUp = async () => {
    setFound(null);
    setProblem(null);
    try {
      setFound(await api.lookUpProfile(kind, id.trim()));
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };

  const erase = async () => {
    if (!window.confirm(t('audience.profile.confirmErase', { id }))) return;
    try {
      const counts = await api.eraseCaller(kind, id.trim());
      toggleNotification({
        type: 'success',
        message: t('audience.profile.erased', { ...counts }),
      });
      setFound(null);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  /** Subject access: everything stored about the caller, saved as a JSON file. */
  const exportAll = async () => {
    try {
      const exported = await api.exportCaller(kind, id.trim());
      const file = new Blob([JSON.stringify(exported, null, 2)], { type: 'application/json' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(file);
      link.download = `personalization-export-${kind}-${id.trim()}.json`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  const profile = found?.profile;
  return (
    <Section title={t('audience.profile.title')}>
      <Grid.Root gap={4}>
        <Grid.Item col={3} alignItems="start">
          <SelectField
            name="profile-kind"
            label={t('audience.profile.kind')}
            value={kind}
            onChange={(value) => setKind(value as Kind)}
            options={[
              { value: 'visitorId', label: t('audience.profile.visitorId') },
              { value: 'userId', label: t('audience.profile.userId') },
            ]}
          />
        </Grid.Item>
        <Grid.Item col={6} alignItems="start">
          <TextField
            name="profile-id"
            label={t('audience.profile.id')}
            value={id}
            onChange={setId}
          />
        </Grid.Item>
        <Grid.Item col={3} alignItems="end">
          <Button startIcon={<Search />} onClick={lookUp} disabled={!id.trim()}>
            {t('audience.profile.lookUp')}
          </Button>
        </Grid.Item>
      </Grid.Root>
      {problem && (
        <Typography textColor="danger600" role="alert">
          {problem}
        </Typography>
      )}
      {found && (
        <Flex direction="column" alignItems="stretch" gap={3} data-profile-result>
          <Typography>
            {t('audience.profile.summary', {
              subject: found.subject,
              visits: profile?.visits ?? 0,
              sessions: profile?.sessions ?? 0,
              monetary: profile?.monetary ?? 0,
              recency: profile?.recencyDays ?? '–',
              device: profile?.device ?? '–',
            })}
          </Typography>
          <Typography>
            {t('audience.profile.segments', { segments: found.segments.join(', ') || '–' })}
            {' · '}
            {t('audience.profile.consent', {
              personalization: String(found.consent.personalization),
              analytics: String(found.consent.analytics),
            })}
          </Typography>
          <DataTable
            rows={Object.entries(profile?.affinities ?? {})}
            rowKey={([label]) => label}
            empty={t('audience.profile.noAffinities')}
            columns={[
              { key: 'tag', label: t('audience.profile.tag'), render: ([label]) => label },
              {
                key: 'weight',
                label: t('audience.profile.weight'),
                render: ([, weight]) => weight.toFixed(2),
              },
            ]}
          />
          {(canErase || canExport) && (
            <Flex justifyContent="flex-end" gap={2}>
              {canExport && (
                <Button variant="secondary" startIcon={<Download />} onClick={exportAll}>
                  {t('audience.profile.export')}
                </Button>
              )}
              {canErase && (
                <Button variant="danger" startIcon={<Trash />} onClick={erase}>
                  {t('audience.profile.erase')}
                </Button>
              )}
            </Flex>
          )}
        </Flex>
      )}
    </Section>
  );
};
