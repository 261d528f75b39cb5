import { useMemo } from 'react';
import { useRBAC } from '@strapi/strapi/admin';
import type { PermissionAction } from '../../../shared/contracts/permissions';

/**
 * Whether the signed-in admin has one plugin permission. One action per call, because useRBAC
 * names results by the action's last segment, and `rules.read` and `flags.read` would collide.
 */
export const useCan = (action: PermissionAction): { allowed: boolean; isLoading: boolean } => {
  const permissions = useMemo(() => [{ action, subject: null }], [action]);
  const { allowedActions, isLoading } = useRBAC(permissions);
  return { allowed: Object.values(allowedActions).some(Boolean), isLoading };
};
