import { useState } from 'react';
import { Button, Flex, Link, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { listFlags } from '../../api';
import { PERMISSIONS } from '../../../../shared/contracts/permissions';
import type { FlagsMeta } from '../../../../shared/contracts/templates';
import { Loading } from '../../components/Loading';
import { useCan } from '../../hooks/useCan';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { FlagEditor } from './FlagEditor';
import { FlagsTable } from './FlagsTable';
import { flagToForm, newFlagForm, type FlagForm } from './flagForm';

/** The Unleash UI lives beside its API: `http://host:4242/api/` → `http://host:4242/`. */
const unleashUiUrl = (apiUrl: string): string => apiUrl.replace(/\/api\/?$/, '/');

/** Local flags (editable) or, with a real Unleash server, its flags read-only. */
export const FlagsPage = () => {
  const t = useT();
  const canManage = useCan(PERMISSIONS.flagsManage).allowed;
  const { state, reload } = useLoad(listFlags());
  const [editing, setEditing] = useState<{ form: FlagForm; isNew: boolean } | null>(null);

  return (
    <Page.Main>
      <Page.Title>{t('flags.title')}</Page.Title>
      <Loading state={state}>
        {(flags, rawMeta) => {
          const meta = rawMeta as unknown as FlagsMeta;
          const editable = meta.mode === 'local' && canManage;
          return (
            <>
              <Layouts.Header
                title={t('flags.title')}
                subtitle={
                  meta.mode === 'local' ? t('flags.subtitleLocal') : t('flags.subtitleRemote')
                }
                primaryAction={
                  editable ? (
                    <Button
                      startIcon={<Plus />}
                      onClick={() => setEditing({ form: newFlagForm(), isNew: true })}
                    >
                      {t('flags.create')}
                    </Button>
                  ) : undefined
                }
              />
              <Layouts.Content>
                <Flex direction="column" alignItems="stretch" gap={6}>
                  {meta.mode === 'remote' && meta.unleashUrl && (
                    <Typography>
                      {t('flags.remoteNote')}{' '}
                      <Link href={unleashUiUrl(meta.unleashUrl)} isExternal>
                        {t('flags.openUnleash')}
                      </Link>
                    </Typography>
                  )}
                  {editing && (
                    <FlagEditor
                      key={editing.form.name || 'new'}
                      initial={editing.form}
                      isNew={editing.isNew}
                      onCancel={() => setEditing(null)}
                      onSaved={() => {
                        setEditing(null);
                        reload();
                      }}
                    />
                  )}
                  <FlagsTable
                    flags={flags}
                    editable={editable}
                    onEdit={(flag) => setEditing({ form: flagToForm(flag), isNew: false })}
                  />
                </Flex>
              </Layouts.Content>
            </>
          );
        }}
      </Loading>
    </Page.Main>
  );
};
