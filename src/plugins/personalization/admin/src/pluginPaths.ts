import { PLUGIN_ID } from './pluginId';

/** Absolute admin paths of the plugin's pages. */
export const pagePath = (...segments: string[]): string =>
  ['', 'plugins', PLUGIN_ID, ...segments.map(encodeURIComponent)].join('/');

/** Admin API path of a plugin route. */
export const apiPath = (...segments: string[]): string =>
  ['', PLUGIN_ID, ...segments.map(encodeURIComponent)].join('/');
