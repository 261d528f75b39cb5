/** One shadow evaluation of a request: what the candidate would have served beside the live answer. */
export interface ShadowOutcome {
  /** Entries compared (the request's entries the candidate decided). */
  decisions: number;
  /** Entries whose variant would differ. */
  divergedDecisions: number;
  /** The caller's segments (none: counted under NO_SEGMENT). */
  segments: readonly string[];
  /** The caller's pseudonymous key and client-declared traits, kept in examples when diverged. */
  callerKey: string;
  traits: Record<string, string | number | boolean>;
  /** Per differing entry: live variant → candidate variant (for the examples). */
  differences: ShadowDifference[];
  /** The candidate's error, when it failed (a template error or limit, or a thrown error). */
  error: string | null;
  durationMs: number;
}

export interface ShadowDifference {
  documentId: string;
  live: string | null;
  candidate: string | null;
}

export interface ShadowExample {
  callerKey: string;
  traits: Record<string, string | number | boolean>;
  segments: string[];
  differences: ShadowDifference[];
}

export interface SegmentTally {
  evaluated: number;
  diverged: number;
}

export interface ShadowTally {
  /** Requests evaluated in shadow. */
  evaluated: number;
  /** Requests where at least one entry's variant would differ. */
  diverged: number;
  decisions: number;
  divergedDecisions: number;
  errors: number;
  /** Sampled requests not evaluated because the shadow queue was full. */
  dropped: number;
  /** The latest error messages, newest last. */
  recentErrors: string[];
  segments: Record<string, SegmentTally>;
  examples: ShadowExample[];
  timing: ShadowTiming;
}

export interface ShadowTiming {
  count: number;
  sumMs: number;
  maxMs: number;
  /** Evaluations per upper bound in ms (TIMING_BOUNDS_MS); the last bucket holds the rest. */
  histogram: number[];
}

export const NO_SEGMENT = '(no segment)';
export const TIMING_BOUNDS_MS = [1, 2, 5, 10, 25, 50, 100] as const;

export interface TallyLimits {
  examples: number;
  errors: number;
}

export const emptyTally = (): ShadowTally => ({
  evaluated: 0,
  diverged: 0,
  decisions: 0,
  divergedDecisions: 0,
  errors: 0,
  dropped: 0,
  recentErrors: [],
  segments: {},
  examples: [],
  timing: {
    count: 0,
    sumMs: 0,
    maxMs: 0,
    histogram: new Array(TIMING_BOUNDS_MS.length + 1).fill(0),
  },
});

const bucketOf = (durationMs: number): number => {
  const index = TIMING_BOUNDS_MS.findIndex((bound) => durationMs <= bound);
  return index === -1 ? TIMING_BOUNDS_MS.length : index;
};

/** Adds one evaluation to a tally (mutates it: tallies are per rule and flushed in batches). */
export const addOutcome = (tally: ShadowTally, outcome: ShadowOutcome, limits: TallyLimits) => {
  const diverged = outcome.divergedDecisions > 0;
  tally.evaluated += 1;
  tally.decisions += outcome.decisions;
  tally.divergedDecisions += outcome.divergedDecisions;
  if (diverged) tally.diverged += 1;
  for (const segment of outcome.segments.length > 0 ? outcome.segments : [NO_SEGMENT]) {
    const counts = (tally.segments[segment] ??= { evaluated: 0, diverged: 0 });
    counts.evaluated += 1;
    if (diverged) counts.diverged += 1;
  }
  if (outcome.error !== null) {
    tally.errors += 1;
    tally.recentErrors = [...tally.recentErrors, outcome.error].slice(-limits.errors);
  }
  if (diverged && tally.examples.length < limits.examples) {
    tally.examples.push({
      callerKey: outcome.callerKey,
      traits: outcome.traits,
      segments: [...outcome.segments],
      differences: outcome.differences.slice(0, 5),
    });
  }
  tally.timing.count += 1;
  tally.timing.sumMs += outcome.durationMs;
  tally.timing.maxMs = Math.max(tally.timing.maxMs, outcome.durationMs);
  tally.timing.histogram[bucketOf(outcome.durationMs)] += 1;
};

/** The sum of two tallies (a stored one and what this instance gathered since its last write). */
export const mergeTallies = (a: ShadowTally, b: ShadowTally, limits: TallyLimits): ShadowTally => {
  const segments: Record<string, SegmentTally> = {};
  for (const source of [a.segments, b.segments]) {
    for (const [name, counts] of Object.entries(source)) {
      const into = (segments[name] ??= { evaluated: 0, diverged: 0 });
      into.evaluated += counts.evaluated;
      into.diverged += counts.diverged;
    }
  }
  return {
    evaluated: a.evaluated + b.evaluated,
    diverged: a.diverged + b.diverged,
    decisions: a.decisions + b.decisions,
    divergedDecisions: a.divergedDecisions + b.divergedDecisions,
    errors: a.errors + b.errors,
    dropped: a.dropped + b.dropped,
    recentErrors: [...a.recentErrors, ...b.recentErrors].slice(-limits.errors),
    segments,
    examples: [...a.examples, ...b.examples].slice(0, limits.examples),
    timing: {
      count: a.timing.count + b.timing.count,
      sumMs: a.timing.sumMs + b.timing.sumMs,
      maxMs: Math.max(a.timing.maxMs, b.timing.maxMs),
      histogram: a.timing.histogram.map((value, index) => value + (b.timing.histogram[index] ?? 0)),
    },
  };
};

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** The report's figures: counts with their shares (null before anything was evaluated). */
export const summarizeTally = (tally: ShadowTally) => ({
  evaluated: tally.evaluated,
  diverged: tally.diverged,
  divergence: share(tally.diverged, tally.evaluated),
  decisions: tally.decisions,
  divergedDecisions: tally.divergedDecisions,
  errors: tally.errors,
  dropped: tally.dropped,
  recentErrors: tally.recentErrors,
  segments: Object.entries(tally.segments)
    .map(([segment, counts]) => ({
      segment,
      evaluated: counts.evaluated,
      diverged: counts.diverged,
      divergence: share(counts.diverged, counts.evaluated),
    }))
    .sort((x, y) => x.segment.localeCompare(y.segment)),
  examples: tally.examples,
  timing: {
    count: tally.timing.count,
    meanMs: share(tally.timing.sumMs, tally.timing.count),
    maxMs: tally.timing.maxMs,
    histogram: tally.timing.histogram.map((count, index) => ({
      upToMs: index < TIMING_BOUNDS_MS.length ? TIMING_BOUNDS_MS[index] : null,
      count,
    })),
  },
});

export type ShadowSummary = ReturnType<typeof summarizeTally>;
