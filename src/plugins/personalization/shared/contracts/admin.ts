/** Answers of the admin-only routes (GET /personalization/entries, /variants). */

/** A base entry offered by the preview's entry picker. */
export interface EntryOption {
  documentId: string;
  /** The entry's title (or first text field), or its documentId when it has none. */
  label: string;
}

export interface VariantSummary {
  key: string;
  documentId: string;
  label: string;
}

/** Body of `POST /variants/:uid/:documentId` (checked by controllers/variants.ts). */
export interface CreateVariantBody {
  key: string;
}
