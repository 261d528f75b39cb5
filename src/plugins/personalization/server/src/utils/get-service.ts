import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../plugin-info';
import type { Services } from '../services';

/** Typed access to the plugin's services: `getService(strapi, 'optIns').list()`. */
export const getService = <Name extends keyof Services>(
  strapi: Core.Strapi,
  name: Name
): ReturnType<Services[Name]> =>
  strapi.plugin(PLUGIN_ID).service(name) as ReturnType<Services[Name]>;
