import { PLUGIN_ID } from '../pluginId';

/** Prefixes a translation key with the plugin id, as the admin's message catalogue expects. */
export const getTranslation = (id: string): string => `${PLUGIN_ID}.${id}`;
