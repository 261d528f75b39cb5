import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import {
  Badge,
  Box,
  Flex,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { usePluginApi } from '../api';
import type { HealthResponse } from '../../../shared/contracts/health';
import { getTranslation } from '../utils/getTranslation';

type LoadState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; health: HealthResponse };

export const HomePage = () => {
  const { formatMessage } = useIntl();
  const api = usePluginApi();
  const [state, setState] = useState<LoadState>({ kind: 'loading' });

  useEffect(() => {
    let cancelled = false;
    api
      .getHealth()
      .then((health) => {
        if (!cancelled) setState({ kind: 'ready', health });
      })
      .catch((error: unknown) => {
        if (!cancelled) {
          setState({
            kind: 'error',
            message: error instanceof Error ? error.message : String(error),
          });
        }
      });
    return () => {
      cancelled = true;
    };
  }, [api]);

  const t = (id: string, values?: Record<string, string>) =>
    formatMessage({ id: getTranslation(id), defaultMessage: id }, values);

  return (
    <Page.Main>
      <Page.Title>{t('page.title')}</Page.Title>
      <Layouts.Header title={t('page.title')} subtitle={t('page.subtitle')} />
      <Layouts.Content>
        {state.kind === 'loading' && <Typography>{t('page.loading')}</Typography>}
        {state.kind === 'error' && (
          <Typography textColor="danger600">
            {t('page.error', { message: state.message })}
          </Typography>
        )}
        {state.kind === 'ready' && (
          <Flex direction="column" alignItems="stretch" gap={6}>
            <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
              <Flex direction="column" alignItems="stretch" gap={2}>
                <Typography>
                  {t('health.version')}: <strong>{state.health.plugin.version}</strong>
                </Typography>
                <Typography>
                  {t('health.database')}: <strong>{state.health.database.client}</strong>
                </Typography>
                <Typography>
                  {t('health.delivery')}:{' '}
                  <strong>
                    {t(
                      state.health.delivery.enabled
                        ? 'health.delivery.enabled'
                        : 'health.delivery.disabled'
                    )}
                  </strong>
                </Typography>
              </Flex>
            </Box>
            <Box>
              <Box paddingBottom={4}>
                <Typography variant="beta" tag="h2">
                  {t('types.title')}
                </Typography>
              </Box>
              {state.health.optedInTypes.length === 0 ? (
                <Typography>{t('types.empty')}</Typography>
              ) : (
                <Table colCount={3} rowCount={state.health.optedInTypes.length + 1}>
                  <Thead>
                    <Tr>
                      <Th>
                        <Typography variant="sigma">{t('types.uid')}</Typography>
                      </Th>
                      <Th>
                        <Typography variant="sigma">{t('types.tagging')}</Typography>
                      </Th>
                      <Th>
                        <Typography variant="sigma">{t('types.variants')}</Typography>
                      </Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {state.health.optedInTypes.map((type) => (
                      <Tr key={type.uid}>
                        <Td>
                          <Typography>{type.uid}</Typography>
                        </Td>
                        <Td>
                          <Typography>
                            {type.tagging
                              ? type.tagging.fields.join(', ')
                              : t('types.tagging.none')}
                          </Typography>
                        </Td>
                        <Td>
                          <Badge>
                            {t(type.variants ? 'types.variants.yes' : 'types.variants.no')}
                          </Badge>
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              )}
            </Box>
          </Flex>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};
