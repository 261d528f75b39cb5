/** The part of Koa's context the plugin's controllers use. */
export interface RequestContext {
  params: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: unknown };
  body: unknown;
  status: number;
}
