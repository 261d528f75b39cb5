/** GET /api/personalization/health (content API) and GET /personalization/health (admin). */
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
