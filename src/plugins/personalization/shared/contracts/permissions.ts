/**
 * The plugin's admin permission actions (Settings → Roles → Plugins → Personalization).
 * The server registers them; admin routes and the admin panel check them.
 */
export const PERMISSIONS = {
  /** See templates, rules and their versions; run previews and template tests. */
  rulesRead: 'plugin::personalization.rules.read',
  /** Create, change, roll back and delete templates and rules. */
  rulesManage: 'plugin::personalization.rules.manage',
  flagsRead: 'plugin::personalization.flags.read',
  /** Change local flags (flags of a real Unleash server are read-only everywhere). */
  flagsManage: 'plugin::personalization.flags.manage',
  /** See an entry's tags, related entries and the tagging queue. */
  tagsRead: 'plugin::personalization.tags.read',
  /** Accept, reject and add tags; re-tag an entry or a type. */
  tagsManage: 'plugin::personalization.tags.manage',
  /** See segments, their sizes, the clustering history and a caller's profile. */
  audienceRead: 'plugin::personalization.audience.read',
  /** Create, change and delete rule-based segments; run the clustering now. */
  audienceManage: 'plugin::personalization.audience.manage',
  /** Erase every event, profile, consent and segment row of a user or visitor. */
  audienceErase: 'plugin::personalization.audience.erase',
  /** Export everything stored about one user or visitor (subject access). */
  audienceExport: 'plugin::personalization.audience.export',
  /** Read the access audit log (who read, exported or erased whose data, consent changes). */
  auditRead: 'plugin::personalization.audit.read',
  /** See experiments, their results and the sample-size calculator. */
  experimentsRead: 'plugin::personalization.experiments.read',
  /** Create, change, start, stop, ship, archive and delete experiments. */
  experimentsManage: 'plugin::personalization.experiments.manage',
} as const;

export type PermissionAction = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];
