import type { StrapiApp } from '@strapi/strapi/admin';
import { PluginIcon } from './components/PluginIcon';
import { PLUGIN_ID } from './pluginId';
import { getTranslation } from './utils/getTranslation';

type TranslationModule = { default: Record<string, string> };

const prefixKeys = (messages: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(messages).map(([key, value]) => [getTranslation(key), value]));

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: { id: getTranslation('plugin.name'), defaultMessage: 'Personalization' },
      Component: async () => {
        const { App } = await import('./pages/App');
        return { default: App };
      },
      permissions: [],
    });
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const messages = (await import(`./translations/${locale}.json`)) as TranslationModule;
          return { data: prefixKeys(messages.default), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
