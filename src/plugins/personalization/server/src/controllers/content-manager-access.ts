import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { runInternal } from '../utils/internal-lookup';

/** The admin's CASL ability on the request (set by the admin authentication strategy). */
export interface UserAbility {
  can(action: string, subject?: unknown, field?: string): boolean;
  cannot(action: string, subject?: unknown, field?: string): boolean;
}

/** What an admin route's context carries about the signed-in administrator. */
export interface AdminState {
  userAbility?: UserAbility;
  user?: { id: number | string };
}

type EntryAction = 'read' | 'create';

const ACTIONS: Record<EntryAction, string> = {
  read: 'plugin::content-manager.explorer.read',
  create: 'plugin::content-manager.explorer.create',
};

/** The part of the content manager's permission checker used here (its `can.read()` etc.). */
interface PermissionChecker {
  can: Record<EntryAction, (entity?: object) => boolean>;
}

/** The part of the admin permission service's manager used here. */
interface PermissionsManager {
  addPermissionsQueryTo(
    query: { filters?: Record<string, unknown> },
    action: string
  ): { filters?: Record<string, unknown> };
}

export interface EntryScope {
  locale?: string;
  status: 'draft' | 'published';
}

/**
 * The Content Manager's permissions on a type, applied as the Content Manager applies them: the
 * action on the type (aliases included) through its permission checker, and the role's conditions
 * (such as "is creator") as a query on the entries, built by the admin permission service.
 * Without an ability (not an admin session) everything is refused: fail closed. Refusals are
 * PolicyErrors (403) because Strapi replaces a plain ForbiddenError's message with "Forbidden".
 */
export const contentManagerAccess = (strapi: Core.Strapi, state: AdminState, uid: string) => {
  const ability = state.userAbility;
  const checker = ability
    ? (strapi
        .plugin('content-manager')
        .service('permission-checker')
        .create({ userAbility: ability, model: uid }) as PermissionChecker)
    : null;

  const allowedOnType = (action: EntryAction): boolean => checker?.can[action]() ?? false;

  /** `filters` limited to the entries the role's conditions let it act on; 403 without the action. */
  const withConditions = (
    action: EntryAction,
    filters: Record<string, unknown>
  ): Record<string, unknown> => {
    if (!ability || !allowedOnType(action)) {
      throw new errors.PolicyError(`you may not ${action} entries of ${uid}`);
    }
    const manager = strapi
      .service('admin::permission')
      .createPermissionsManager({ ability, model: uid }) as PermissionsManager;
    return manager.addPermissionsQueryTo({ filters }, ACTIONS[action]).filters ?? filters;
  };

  const documentIds = async (
    filters: Record<string, unknown>,
    scope: EntryScope
  ): Promise<Set<string>> => {
    const rows = (await runInternal(() =>
      strapi.documents(uid as UID.ContentType).findMany({
        filters,
        fields: ['documentId'],
        locale: scope.locale,
        status: scope.status,
        limit: -1,
      } as never)
    )) as unknown as { documentId: string }[];
    return new Set(rows.map((row) => row.documentId));
  };

  return {
    withConditions,

    /** 403 unless the role may act on entries of the type at all. */
    assertType(action: EntryAction): void {
      withConditions(action, {});
    },

    /** The subset of `ids` whose entries (in this scope) the role may act on. */
    async permitted(action: EntryAction, ids: string[], scope: EntryScope): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      return documentIds(withConditions(action, { documentId: { $in: ids } }), scope);
    },

    /** 404 for a missing entry, 403 unless the role's conditions hold for it. */
    async assertEntry(action: EntryAction, documentId: string, scope: EntryScope): Promise<void> {
      const allowed = await documentIds(withConditions(action, { documentId }), scope);
      if (allowed.has(documentId)) return;
      if ((await documentIds({ documentId }, scope)).size === 0) {
        throw new errors.NotFoundError(`no ${scope.status} entry ${documentId} of ${uid}`);
      }
      throw new errors.PolicyError(`you may not ${action} this entry of ${uid}`);
    },
  };
};
