import type { Core } from '@strapi/strapi';

/** What anonymous and signed-in readers may do: read the demo types, nothing else. */
export const PUBLIC_ACTIONS = [
  'api::article.article.find',
  'api::article.article.findOne',
  'api::promotion.promotion.find',
  'api::promotion.promotion.findOne',
] as const;

/**
 * Grants a users-permissions role (`public`, `authenticated`) the read actions on the demo types;
 * leaves every other permission as it is. Returns the actions it added.
 */
export const grantReadAccess = async (
  strapi: Core.Strapi,
  roleType: 'public' | 'authenticated'
): Promise<string[]> => {
  const publicRole = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: roleType } });
  if (!publicRole) {
    throw new Error(`the users-permissions ${roleType} role is missing; cannot grant read access`);
  }

  const existing = await strapi.db
    .query('plugin::users-permissions.permission')
    .findMany({ where: { role: publicRole.id, action: { $in: [...PUBLIC_ACTIONS] } } });
  const granted = new Set(existing.map((permission: { action: string }) => permission.action));

  const missing = PUBLIC_ACTIONS.filter((action) => !granted.has(action));
  for (const action of missing) {
    await strapi.db
      .query('plugin::users-permissions.permission')
      .create({ data: { action, role: publicRole.id } });
  }
  return missing;
};
