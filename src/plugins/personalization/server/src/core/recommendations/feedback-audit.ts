import { entropyBits, topShare } from './metrics';

/** One consumed entry (a view or click) as the audit reads it. */
export interface AuditEvent {
  caller: string;
  item: string;
  time: number;
  tags: readonly string[];
}

export interface AuditRow {
  /** Monday 00:00 UTC of the week, YYYY-MM-DD. */
  week: string;
  /** A segment name, or `all` for every caller. */
  segment: string;
  exposures: number;
  entries: number;
  /** Share of the week's exposures that went to the top 10% most exposed entries of the catalogue. */
  topShare: number;
  /** Distinct entries exposed / catalogue size. */
  coverage: number;
  /** Shannon entropy (bits) of the tags of consumed entries. */
  entropy: number;
  /** Entropy of the segment's previous audited week minus this one; null for its first week. */
  entropyDrop: number | null;
  /** The drop is larger than the configured threshold: the segment's reading narrowed. */
  warning: boolean;
}

export const ALL_SEGMENT = 'all';
const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of the week holding `time`, as YYYY-MM-DD. */
export const weekOf = (time: number): string => {
  const day = Math.floor(time / DAY_MS);
  // 1970-01-01 was a Thursday: day 0 → weekday 3 counting from Monday.
  const monday = day - ((day + 3) % 7);
  return new Date(monday * DAY_MS).toISOString().slice(0, 10);
};

/**
 * The feedback-loop audit: per week and per segment (plus `all`), how concentrated exposure is,
 * how much of the catalogue is seen, and how varied the consumed tags are. Falling entropy from
 * one week to the next is narrowing; a drop above `entropyDropWarning` bits is flagged.
 */
export const auditFeedbackLoop = (
  events: readonly AuditEvent[],
  segmentsOf: (caller: string) => readonly string[],
  options: { catalogueSize: number; entropyDropWarning: number; topFraction?: number }
): AuditRow[] => {
  const groups = new Map<string, { exposures: Map<string, number>; tags: Map<string, number> }>();
  for (const event of events) {
    const week = weekOf(event.time);
    for (const segment of [ALL_SEGMENT, ...segmentsOf(event.caller)]) {
      const key = `${week}|${segment}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { exposures: new Map(), tags: new Map() }));
      group.exposures.set(event.item, (group.exposures.get(event.item) ?? 0) + 1);
      for (const tag of event.tags) group.tags.set(tag, (group.tags.get(tag) ?? 0) + 1);
    }
  }
  const rows = [...groups.entries()]
    .map(([key, group]) => {
      const [week, segment] = key.split('|');
      const counts = [...group.exposures.values()];
      const catalogue = Math.max(options.catalogueSize, group.exposures.size);
      return {
        week,
        segment,
        exposures: counts.reduce((sum, value) => sum + value, 0),
        entries: group.exposures.size,
        topShare: topShare(counts, catalogue, options.topFraction ?? 0.1),
        coverage: catalogue > 0 ? group.exposures.size / catalogue : 0,
        entropy: entropyBits(group.tags.values()),
        entropyDrop: null as number | null,
        warning: false,
      };
    })
    .sort((a, b) => a.segment.localeCompare(b.segment) || a.week.localeCompare(b.week));
  rows.forEach((row, index) => {
    const previous = rows[index - 1];
    if (!previous || previous.segment !== row.segment) return;
    row.entropyDrop = previous.entropy - row.entropy;
    row.warning = row.entropyDrop > options.entropyDropWarning;
  });
  return rows;
};
