import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../config';
import { PLUGIN_ID } from '../plugin-info';

/** The validated plugin config (defaults merged with config/plugins.ts by Strapi). */
export const getPluginConfig = (strapi: Core.Strapi): PluginConfig =>
  strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
