import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type { HealthResponse, OptedInType } from '../../../shared/contracts/health';
import { apiPath } from '../pluginPaths';

let cached: Promise<OptedInType[]> | null = null;

/** The opted-in content types (from the admin health route), fetched once per page load. */
export const useOptedInTypes = (): OptedInType[] | null => {
  const { get } = useFetchClient();
  const [types, setTypes] = useState<OptedInType[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    cached ??= get<HealthResponse>(apiPath('health')).then(({ data }) => data.optedInTypes);
    cached
      .then((value) => {
        if (!cancelled) setTypes(value);
      })
      .catch(() => {
        cached = null;
        if (!cancelled) setTypes([]);
      });
    return () => {
      cancelled = true;
    };
  }, [get]);
  return types;
};
