/** Uids of the plugin's own content types. */
export const TEMPLATE_UID = 'plugin::personalization.template';
export const TEMPLATE_VERSION_UID = 'plugin::personalization.template-version';
export const RULE_UID = 'plugin::personalization.rule';
export const FLAG_UID = 'plugin::personalization.flag';
export const SEGMENT_UID = 'plugin::personalization.segment';
export const EXPERIMENT_UID = 'plugin::personalization.experiment';
