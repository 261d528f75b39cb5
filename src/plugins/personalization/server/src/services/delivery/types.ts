export type Entry = Record<string, unknown> & { documentId: string };

/**
 * Set on a request's state by the REST response cache: the document-service reads of the request
 * answer the base (unpersonalized) entries and report what they read; the cache applies the
 * per-caller decision to the controller's sanitized answer instead (services/rest-response-cache).
 */
export const BASE_READS = Symbol.for('personalization.baseReads');
export interface BaseReads {
  observe(uid: string, action: string, params: Record<string, unknown>): void;
}

export interface RequestState {
  [BASE_READS]?: BaseReads;
  route?: { info?: { type?: string; pluginName?: string } };
  user?: Record<string, unknown> & { id: string | number };
}

export interface KoaRequestContext {
  headers: Record<string, string | string[] | undefined>;
  state: RequestState;
  set(name: string, value: string): void;
  get(name: string): string;
  /** Adds to the Vary header (keeps what CORS and others put there). */
  vary(field: string): void;
}

/** Turns loaded variant content into what the caller may see (the controller's output sanitizer). */
export type VariantStep = (content: Record<string, unknown>) => Promise<Record<string, unknown>>;
