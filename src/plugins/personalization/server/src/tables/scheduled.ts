/**
 * One row per scheduled job: the last schedule slot some instance claimed, and by whom. Created by
 * migrations/007-scheduled.ts.
 */
export const SCHEDULED_RUNS_TABLE = 'personalization_scheduled_runs';
