import { PERMISSIONS } from '../../../shared/contracts/permissions';
import { PLUGIN_ID } from '../plugin-info';

interface PluginAction {
  section: 'plugins';
  pluginName: string;
  subCategory: string;
  displayName: string;
  /** The part after `plugin::personalization.`; Strapi prefixes it. */
  uid: string;
}

const action = (id: string, subCategory: string, displayName: string): PluginAction => ({
  section: 'plugins',
  pluginName: PLUGIN_ID,
  subCategory,
  displayName,
  uid: id.slice(`plugin::${PLUGIN_ID}.`.length),
});

/** Shown in Settings → Roles → Plugins, grouped by sub-category. */
export const PLUGIN_ACTIONS: PluginAction[] = [
  action(PERMISSIONS.rulesRead, 'templates and rules', 'Read'),
  action(PERMISSIONS.rulesManage, 'templates and rules', 'Manage'),
  action(PERMISSIONS.flagsRead, 'flags', 'Read'),
  action(PERMISSIONS.flagsManage, 'flags', 'Manage'),
  action(PERMISSIONS.tagsRead, 'tags', 'Read'),
  action(PERMISSIONS.tagsManage, 'tags', 'Manage'),
  action(PERMISSIONS.audienceRead, 'audience', 'Read'),
  action(PERMISSIONS.audienceManage, 'audience', 'Manage segments'),
  action(PERMISSIONS.audienceErase, 'audience', 'Erase profiles'),
  action(PERMISSIONS.audienceExport, 'audience', 'Export a profile'),
  action(PERMISSIONS.auditRead, 'privacy', 'Read the audit log'),
  action(PERMISSIONS.experimentsRead, 'experiments', 'Read'),
  action(PERMISSIONS.experimentsManage, 'experiments', 'Manage'),
];
