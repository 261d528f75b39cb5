/** What can change under a snapshot kept in memory (or under caches keyed by it). */
export type ChangeKind = 'templates' | 'rules' | 'flags' | 'content' | 'segments' | 'experiments';

const KINDS: ReadonlySet<string> = new Set<ChangeKind>([
  'templates',
  'rules',
  'flags',
  'content',
  'segments',
  'experiments',
]);

/** The notice instances exchange (JSON on the Redis channel). */
export interface ChangeNotice {
  kind: ChangeKind;
  uid?: string;
  from: string;
}

/** State kept in memory that must be read again when `kind` changes, here or on another instance. */
export interface Snapshot {
  kind: ChangeKind;
  /** Re-reads the state; `uid` names the content type for 'content' changes. */
  reload(uid?: string): Promise<void> | void;
  /** Only for notices from other instances: the writer here updated its state itself. */
  remoteOnly?: boolean;
  /** After missed notices (subscriber reconnect), instead of `reload()`. */
  resync?(): Promise<void> | void;
}

export interface ChangeRegistryOptions {
  /** Names this instance in its notices, so it ignores its own. */
  instanceId: string;
  /** Drops cached decisions; content changes do not (entry versions are part of decision keys). */
  clearDecisions(): void;
  /** Tells the other instances; failures are the publisher's to log. */
  publish(notice: ChangeNotice): void;
  /** A reload that failed on a notice from elsewhere: logged, the others still run. */
  reloadFailed(kind: ChangeKind, error: unknown): void;
}

const parseNotice = (message: string): ChangeNotice | null => {
  try {
    const notice = JSON.parse(message) as Partial<ChangeNotice> | null;
    if (!notice || typeof notice.kind !== 'string' || !KINDS.has(notice.kind)) return null;
    return {
      kind: notice.kind,
      from: String(notice.from ?? ''),
      ...(typeof notice.uid === 'string' ? { uid: notice.uid } : {}),
    };
  } catch {
    return null;
  }
};

/**
 * The one place that reloads snapshots and announces changes: owners register what to reload
 * per kind, writers call `changed`, and notices from other instances run the same reloads.
 */
export const createChangeRegistry = (options: ChangeRegistryOptions) => {
  const snapshots: Snapshot[] = [];
  const of = (kind: ChangeKind) => snapshots.filter((snapshot) => snapshot.kind === kind);

  /** Runs every reload even when one fails; failures are reported, not thrown. */
  const settle = async (kind: ChangeKind, reloads: Array<() => Promise<void> | void>) => {
    for (const reload of reloads) {
      try {
        await reload();
      } catch (error) {
        options.reloadFailed(kind, error);
      }
    }
  };

  return {
    register(snapshot: Snapshot): void {
      snapshots.push(snapshot);
    },

    /** A committed local write: reload here, drop cached decisions, tell the other instances. */
    async changed(kind: ChangeKind, uid?: string): Promise<void> {
      for (const snapshot of of(kind)) {
        if (!snapshot.remoteOnly) await snapshot.reload(uid);
      }
      if (kind !== 'content') options.clearDecisions();
      options.publish({ kind, from: options.instanceId, ...(uid ? { uid } : {}) });
    },

    /** A message from the channel; our own notices and anything unreadable are ignored. */
    async received(message: string): Promise<void> {
      const notice = parseNotice(message);
      if (!notice || notice.from === options.instanceId) return;
      if (notice.kind !== 'content') options.clearDecisions();
      await settle(
        notice.kind,
        of(notice.kind).map((snapshot) => () => snapshot.reload(notice.uid))
      );
    },

    /** Notices may have been missed: every snapshot is read again. */
    async resync(): Promise<void> {
      options.clearDecisions();
      for (const snapshot of snapshots) {
        await settle(snapshot.kind, [
          () => (snapshot.resync ? snapshot.resync() : snapshot.reload()),
        ]);
      }
    },

    /** Boot: loads every snapshot once, in registration order; a failure stops the boot. */
    async loadAll(): Promise<void> {
      for (const snapshot of snapshots) {
        if (!snapshot.remoteOnly) await snapshot.reload();
      }
    },
  };
};

export type ChangeRegistry = ReturnType<typeof createChangeRegistry>;
