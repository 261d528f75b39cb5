/** GET /api/personalization/health (content API, no authentication): liveness only. */
export interface LivenessResponse {
  status: 'ok';
}

/** GET /personalization/health (admin session): configuration and decision counters. */
export interface OptedInType {
  uid: string;
  tagging: { fields: string[] } | null;
  variants: boolean;
}

export interface HealthResponse {
  status: 'ok';
  plugin: { name: string; version: string };
  database: { client: string };
  delivery: { enabled: boolean };
  optedInTypes: OptedInType[];
  /** Content-API decisions served since boot, by reason (`rule`, `no-context`, `flag-off`…). */
  decisions: Record<string, number>;
}
