/** What the runner needs to know of a migration to order it and name it. */
export interface VersionedMigration {
  /** A positive integer, unique, never reused: the order migrations run in. */
  version: number;
  /** Short kebab-case name, shown with the version in logs and errors (`002-audience`). */
  name: string;
}

export interface MigrationPlan<M extends VersionedMigration> {
  /** Not yet recorded in the database, in ascending version order. */
  pending: M[];
  /** Recorded in the database but unknown to this code (a newer plugin version ran on it). */
  unknown: number[];
}

/** `002-audience`: the label logs, errors and the plugin's file names use. */
export const migrationLabel = ({ version, name }: VersionedMigration): string =>
  `${String(version).padStart(3, '0')}-${name}`;

/**
 * Fails on a list that could run in a surprising order: a version that is not a positive integer,
 * or two migrations with one version. A programming error, caught by the unit tests before release.
 */
export const assertValidMigrations = (migrations: readonly VersionedMigration[]): void => {
  const seen = new Set<number>();
  for (const migration of migrations) {
    if (!Number.isInteger(migration.version) || migration.version < 1) {
      throw new Error(
        `[personalization] migration "${migration.name}" has version ${migration.version}: versions are positive integers`
      );
    }
    if (seen.has(migration.version)) {
      throw new Error(
        `[personalization] two migrations have version ${migration.version} (one is "${migration.name}")`
      );
    }
    seen.add(migration.version);
  }
};

/** The migrations still to run, oldest first, given the versions the database has recorded. */
export const planMigrations = <M extends VersionedMigration>(
  migrations: readonly M[],
  appliedVersions: Iterable<number>
): MigrationPlan<M> => {
  assertValidMigrations(migrations);
  const applied = new Set(appliedVersions);
  const known = new Set(migrations.map((migration) => migration.version));
  return {
    pending: migrations
      .filter((migration) => !applied.has(migration.version))
      .sort((a, b) => a.version - b.version),
    unknown: [...applied].filter((version) => !known.has(version)).sort((a, b) => a - b),
  };
};
