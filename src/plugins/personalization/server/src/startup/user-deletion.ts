import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';

const USER_UID = 'plugin::users-permissions.user';

/** users-permissions' user service: only `remove` is wrapped, the rest is kept as it is. */
type UserService = Record<string, unknown> & { remove?: (...args: unknown[]) => Promise<unknown> };

interface DeleteEvent {
  params: { where?: unknown; filters?: unknown; _q?: unknown };
  result?: { id?: number | string } | { count?: number } | null;
  state: Record<string, unknown>;
}

/**
 * Deleting a users-permissions user erases their audience rows (events, profile, consent, identity
 * links, segment memberships, experiment assignments and exposures) in the same transaction, by a
 * database lifecycle on the user model: it covers the content manager, the document service and
 * users-permissions' own `DELETE /api/users/:id`. That last one calls the query engine without a
 * transaction, so its `remove` is wrapped in one; an erasure that fails rolls the deletion back.
 */
export const registerUserErasure = (strapi: Core.Strapi): void => {
  if (!strapi.db.metadata.has(USER_UID)) return;
  const erase = async (ids: Array<number | string>): Promise<void> => {
    for (const id of ids) {
      await getService(strapi, 'erasure').eraseUser(String(id), {
        actor: { type: 'system', id: 'users-permissions.user.delete' },
        requestId: randomUUID(),
      });
    }
  };

  strapi.db.lifecycles.subscribe({
    models: [USER_UID],
    async afterDelete(event: DeleteEvent) {
      const id = event.result && 'id' in event.result ? event.result.id : undefined;
      if (id !== undefined) await erase([id]);
    },
    // deleteMany reports only a count: note the ids before the rows go.
    async beforeDeleteMany(event: DeleteEvent) {
      // The same criteria deleteMany applies (it ignores pagination and the rest).
      const { where, filters, _q } = event.params;
      const criteria = Object.fromEntries(
        Object.entries({ where, filters, _q }).filter(([, value]) => value !== undefined)
      );
      const rows = (await strapi.db
        .query(USER_UID)
        .findMany({ ...criteria, select: ['id'] })) as Array<{ id: number }>;
      event.state.personalizationUserIds = rows.map((row) => row.id);
    },
    async afterDeleteMany(event: DeleteEvent) {
      await erase((event.state.personalizationUserIds as number[] | undefined) ?? []);
    },
  } as unknown as Parameters<typeof strapi.db.lifecycles.subscribe>[0]);

  const services = strapi.get('services') as {
    get(uid: string): unknown;
    extend(uid: string, extend: (service: UserService) => UserService): void;
  };
  const remove = (services.get(USER_UID) as UserService | undefined)?.remove;
  if (remove) {
    services.extend(USER_UID, (service) => ({
      ...service,
      remove: (...args: unknown[]) => strapi.db.transaction(() => remove.apply(service, args)),
    }));
  }
};
