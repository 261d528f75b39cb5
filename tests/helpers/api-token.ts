import type { Core } from '@strapi/strapi';

/** Creates a full-access Strapi API token, as a CI job deploying templates would use. */
export const createFullAccessToken = async (
  strapi: Core.Strapi,
  name = 'tests'
): Promise<string> => {
  const token = await strapi.service('admin::api-token').create({
    name: `${name}-${Date.now()}`,
    type: 'full-access',
    lifespan: null,
  });
  return token.accessKey as string;
};
