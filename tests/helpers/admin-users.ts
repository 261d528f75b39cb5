import type { Core } from '@strapi/strapi';
import type { TestApp } from './strapi';

export interface AdminCredentials {
  email: string;
  password: string;
}

/** Creates an active admin user with the given roles (ids). */
export const createAdminUser = async (
  strapi: Core.Strapi,
  credentials: AdminCredentials,
  roles: number[]
): Promise<void> => {
  await strapi.service('admin::user').create({
    ...credentials,
    firstname: credentials.email.split('@')[0],
    lastname: 'Tester',
    isActive: true,
    roles,
  });
};

export const superAdminRoleId = async (strapi: Core.Strapi): Promise<number> =>
  ((await strapi.service('admin::role').getSuperAdmin()) as { id: number }).id;

/** A role granted exactly these actions (plugin actions have no subject), with optional conditions. */
export const createRole = async (
  strapi: Core.Strapi,
  name: string,
  permissions: { action: string; subject?: string; conditions?: string[] }[]
): Promise<number> => {
  const role = (await strapi
    .service('admin::role')
    .create({ name, description: `${name} (tests)` })) as { id: number };
  await strapi.service('admin::role').assignPermissions(
    role.id,
    permissions.map((permission) => ({ subject: null, ...permission }))
  );
  return role.id;
};

/** The id of the admin user with this email. */
export const adminUserId = async (strapi: Core.Strapi, email: string): Promise<number> =>
  ((await strapi.db.query('admin::user').findOne({ where: { email } })) as { id: number }).id;

/** Logs in to the admin API and returns the session's access token. */
export const adminLogin = async (app: TestApp, credentials: AdminCredentials): Promise<string> => {
  const response = await app.http().post('/admin/login').send(credentials).expect(200);
  return response.body.data.token as string;
};
