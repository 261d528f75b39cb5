/** Records of the recommendations and feedback-loop audit routes (docs/recommendations.md). */

export interface FeedbackAuditRecord {
  /** Monday of the week (UTC), YYYY-MM-DD. */
  week: string;
  /** A segment name, or `all`. */
  segment: string;
  exposures: number;
  entries: number;
  catalogue: number;
  /** Share of the week's exposures that went to the top 10% most exposed entries. */
  topShare: number;
  coverage: number;
  /** Shannon entropy (bits) of the tags of consumed entries. */
  entropy: number;
  entropyDrop: number | null;
  warning: boolean;
  computedAt: string;
}

export interface RecommendationRecord {
  score: number;
  /** `tag:<label>`, `similar-to:<documentId>`, `popular`, `explore`. */
  reasons: string[];
  /** Send it back as `list` in view and click events. */
  list: string;
}
