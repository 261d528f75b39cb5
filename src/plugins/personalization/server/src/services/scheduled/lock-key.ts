/** PostgreSQL advisory locks take two int4 keys: the plugin's namespace and one per job name. */
export const LOCK_NAMESPACE = 0x707a;

/** FNV-1a of the job name as a signed 32-bit integer (stable across instances and versions). */
export const lockKey = (name: string): number => {
  let hash = 0x811c9dc5;
  for (const char of Buffer.from(name, 'utf8')) {
    hash ^= char;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
};
