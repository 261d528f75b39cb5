import { Typography } from '@strapi/design-system';
import type { Loaded } from '../hooks/useLoad';
import { useT } from '../hooks/useT';

/** Renders the ready data, or a loading line, or the server's error. */
export const Loading = <T,>({
  state,
  children,
}: {
  state: Loaded<T>;
  children: (data: T, meta: Record<string, unknown>) => React.ReactNode;
}) => {
  const t = useT();
  if (state.status === 'loading') return <Typography>{t('common.loading')}</Typography>;
  if (state.status === 'error') {
    return (
      <Typography textColor="danger600" role="alert">
        {t('common.error', { message: state.message })}
      </Typography>
    );
  }
  return <>{children(state.data, state.meta)}</>;
};
