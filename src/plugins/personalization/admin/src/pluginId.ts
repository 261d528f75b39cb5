export const PLUGIN_ID = 'personalization';
