import { useMemo, useState } from 'react';
import { Button, Flex, Link, TextInput, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { useNotification, useRBAC } from '@strapi/strapi/admin';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { listVariants, usePluginApi } from '../api';
import { Loading } from '../components/Loading';
import { useLoad } from '../hooks/useLoad';
import { useT } from '../hooks/useT';
import { errorMessage } from '../utils/errorMessage';
import { editViewPath } from './editViewPath';

/**
 * The entry's variants, and "create a variant": a draft copy of this entry with the key set,
 * opened in the edit view so the editor changes what differs.
 */
export const VariantsSection = ({ uid, documentId }: { uid: string; documentId: string }) => {
  const t = useT();
  const navigate = useNavigate();
  const api = usePluginApi();
  const { toggleNotification } = useNotification();
  const { state } = useLoad(listVariants(uid, documentId));
  const [key, setKey] = useState('');
  // A variant is an entry: creating one needs the content manager's create permission on the type.
  const createPermission = useMemo(
    () => [{ action: 'plugin::content-manager.explorer.create', subject: uid }],
    [uid]
  );
  const canCreate = useRBAC(createPermission).allowedActions.canCreate === true;

  const create = async () => {
    try {
      const created = await api.createVariant(uid, documentId, { key: key.trim() });
      toggleNotification({ type: 'success', message: t('panel.variants.created', { key }) });
      navigate(editViewPath(uid, created.documentId));
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="panel-variants">
      <Typography variant="sigma" tag="h3">
        {t('panel.variants')}
      </Typography>
      <Loading state={state}>
        {(variants) =>
          variants.length === 0 ? (
            <Typography>{t('panel.variants.none')}</Typography>
          ) : (
            variants.map((variant) => (
              <Flex key={variant.key} gap={2} justifyContent="space-between">
                <Typography fontWeight="bold">{variant.key}</Typography>
                <Link tag={RouterLink} to={editViewPath(uid, variant.documentId)}>
                  {variant.label}
                </Link>
              </Flex>
            ))
          )
        }
      </Loading>
      {canCreate && (
        <Flex gap={2}>
          <TextInput
            aria-label={t('panel.variants.key')}
            placeholder={t('panel.variants.key')}
            size="S"
            value={key}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => setKey(event.target.value)}
          />
          <Button
            size="S"
            variant="secondary"
            startIcon={<Plus />}
            disabled={key.trim() === ''}
            onClick={create}
          >
            {t('panel.variants.create')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
};
