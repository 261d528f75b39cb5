import { Flex, Link, Typography } from '@strapi/design-system';
import { Link as RouterLink } from 'react-router-dom';
import { getRelated } from '../api';
import { Loading } from '../components/Loading';
import { useLoad } from '../hooks/useLoad';
import { useT } from '../hooks/useT';
import { editViewPath } from './editViewPath';

/** The nearest entries by embedding similarity, as links to their edit views. */
export const RelatedSection = ({ uid, documentId }: { uid: string; documentId: string }) => {
  const t = useT();
  const { state } = useLoad(getRelated(uid, documentId));
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="panel-related">
      <Typography variant="sigma" tag="h3">
        {t('panel.related')}
      </Typography>
      <Loading state={state}>
        {({ related }) =>
          related.length === 0 ? (
            <Typography>{t('panel.related.none')}</Typography>
          ) : (
            related.map((entry) => (
              <Flex key={entry.documentId} justifyContent="space-between" gap={2}>
                <Link tag={RouterLink} to={editViewPath(uid, entry.documentId)}>
                  {entry.title ?? entry.documentId}
                </Link>
                <Typography variant="pi" textColor="neutral500">
                  {entry.score.toFixed(2)}
                </Typography>
              </Flex>
            ))
          )
        }
      </Loading>
    </Flex>
  );
};
