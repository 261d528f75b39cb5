import type { Core } from '@strapi/strapi';
import { LRUCache } from 'lru-cache';

/** How long a role's read permission is trusted before it is looked up again. */
const TTL_MS = 5000;

/**
 * Whether a users-permissions role may list a type (`<uid>.find`), as the content API would check:
 * recommendations are public, so they must not show entries of a type the caller cannot read.
 * The role is the signed-in user's, or `public` for visitors and callers without headers.
 */
export const createReadAccess = (strapi: Core.Strapi) => {
  const cache = new LRUCache<string, boolean>({ max: 1000, ttl: TTL_MS });

  const roleOf = async (userId: string | null): Promise<number | null> => {
    if (userId) {
      const user = (await strapi.db
        .query('plugin::users-permissions.user')
        .findOne({ where: { id: userId }, populate: { role: { select: ['id'] } } })) as {
        role?: { id: number } | null;
      } | null;
      return user?.role?.id ?? null;
    }
    const role = (await strapi.db
      .query('plugin::users-permissions.role')
      .findOne({ where: { type: 'public' }, select: ['id'] })) as { id: number } | null;
    return role?.id ?? null;
  };

  return async (uid: string, userId: string | null): Promise<boolean> => {
    const key = `${uid}|${userId ?? 'public'}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const role = await roleOf(userId);
    const allowed =
      role !== null &&
      (await strapi.db
        .query('plugin::users-permissions.permission')
        .count({ where: { action: `${uid}.find`, role: role } })) > 0;
    cache.set(key, allowed);
    return allowed;
  };
};
