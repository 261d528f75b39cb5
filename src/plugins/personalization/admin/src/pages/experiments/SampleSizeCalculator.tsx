import { useEffect, useState } from 'react';
import { Box, Typography } from '@strapi/design-system';
import { usePluginApi } from '../../api';
import type { SampleSizeBody } from '../../../../shared/contracts/experiment-records';
import { useDebounced } from '../../hooks/useDebounced';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errorMessage';
import { readPerArm } from './sampleSize';

type Answer =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; perArm: number }
  | { status: 'error'; message: string };

/**
 * Callers per arm (and in all) the plan needs, asked of the server's statistics engine once the
 * inputs have been still for 400 ms; the frozen plan uses the same computation at start.
 */
export const SampleSizeCalculator = ({
  request,
  arms,
}: {
  request: SampleSizeBody | null;
  arms: number;
}) => {
  const t = useT();
  const api = usePluginApi();
  const key = request === null ? null : JSON.stringify(request);
  const settled = useDebounced(key, 400);
  const [answer, setAnswer] = useState<Answer>({ status: 'idle' });

  useEffect(() => {
    if (settled === null) {
      setAnswer({ status: 'idle' });
      return;
    }
    let cancelled = false;
    setAnswer({ status: 'loading' });
    api
      .sampleSize(JSON.parse(settled) as SampleSizeBody)
      .then((answer) => {
        const perArm = readPerArm(answer);
        if (cancelled) return;
        setAnswer(
          perArm === null
            ? { status: 'error', message: t('experiments.sampleSize.unreadable') }
            : { status: 'ready', perArm }
        );
      })
      .catch((error: unknown) => {
        if (!cancelled) setAnswer({ status: 'error', message: errorMessage(error) });
      });
    return () => {
      cancelled = true;
    };
  }, [api, settled]);

  const stale = key !== settled;
  return (
    <Box background="neutral100" padding={4} hasRadius data-testid="sample-size">
      {answer.status === 'idle' && (
        <Typography textColor="neutral600">{t('experiments.sampleSize.incomplete')}</Typography>
      )}
      {answer.status === 'loading' && <Typography>{t('common.loading')}</Typography>}
      {answer.status === 'error' && (
        <Typography textColor="danger600" role="alert">
          {answer.message}
        </Typography>
      )}
      {answer.status === 'ready' && (
        <Typography
          fontWeight="semiBold"
          textColor={stale ? 'neutral500' : 'neutral800'}
          data-testid="sample-size-per-arm"
        >
          {t('experiments.sampleSize.answer', {
            perArm: answer.perArm.toLocaleString('en'),
            total: (answer.perArm * arms).toLocaleString('en'),
          })}
        </Typography>
      )}
    </Box>
  );
};
