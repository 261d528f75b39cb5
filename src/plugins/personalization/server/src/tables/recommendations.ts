// The recommendations tables, created by migrations/006-recommendations.ts.

/** The feedback-loop audit: one row per audited week and segment. */
export const FEEDBACK_AUDIT_TABLE = 'personalization_feedback_audit';
/** Lists handed out by the recommendations routes: events may only be attributed to these. */
export const ISSUED_LISTS_TABLE = 'personalization_recommendation_lists';
/** Per UTC day: events whose `list` was credited, and events whose `list` was refused. */
export const LIST_ATTRIBUTION_TABLE = 'personalization_list_attribution';
