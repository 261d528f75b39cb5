import type { StrapiApp } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../../shared/contracts/permissions';
import { PluginIcon } from './components/PluginIcon';
import { PersonalizationPanel } from './panel/PersonalizationPanel';
import { PLUGIN_ID } from './pluginId';
import { getTranslation } from './utils/getTranslation';

type TranslationModule = { default: Record<string, string> };

/** The part of the content manager's admin API this plugin uses. */
interface ContentManagerApis {
  addEditViewSidePanel?: (panels: (typeof PersonalizationPanel)[]) => void;
}

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
      // Shown to admins who may read any part of the plugin.
      permissions: [
        PERMISSIONS.rulesRead,
        PERMISSIONS.flagsRead,
        PERMISSIONS.tagsRead,
        PERMISSIONS.audienceRead,
        PERMISSIONS.experimentsRead,
        PERMISSIONS.auditRead,
      ].map((action) => ({ action, subject: null })),
    });
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },

  bootstrap(app: StrapiApp) {
    const apis = app.getPlugin('content-manager').apis as ContentManagerApis;
    apis.addEditViewSidePanel?.([PersonalizationPanel]);
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
