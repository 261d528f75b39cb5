import { useEffect, useState } from 'react';
import { usePluginApi } from '../api';
import type { OptedInType } from '../../../shared/contracts/health';

let cached: Promise<OptedInType[]> | null = null;

/** The opted-in content types (from the admin health route), fetched once per page load. */
export const useOptedInTypes = (): OptedInType[] | null => {
  const api = usePluginApi();
  const [types, setTypes] = useState<OptedInType[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    cached ??= api.getHealth().then((health) => health.optedInTypes);
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
  }, [api]);
  return types;
};
