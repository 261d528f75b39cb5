import type { Core } from '@strapi/strapi';
import { getService } from '../../utils/get-service';
import {
  applyDecisions,
  type EditorDecisions,
  type ExtractedTag,
  type Tag,
} from '../../core/tagging';
import { localeKey, parseJson, toBoolean, toOptionalNumber } from '../../tables/row-values';
import { METADATA_TABLE } from '../../tables/tagging';

/** Everything stored about one entry (type, documentId, locale). */
export interface TagMetadata {
  uid: string;
  documentId: string;
  locale: string | null;
  /** What the extractors found last time, before editor decisions. */
  extracted: ExtractedTag[];
  decisions: EditorDecisions;
  embedding: number[] | null;
  terms: string[];
  contentHash: string | null;
  models: Record<string, string>;
  truncated: boolean;
  taggedAt: number | null;
}

type Row = Record<string, unknown>;

const fromRow = (row: Row): TagMetadata => ({
  uid: String(row.uid),
  documentId: String(row.document_id),
  locale: row.locale === '' || row.locale === null ? null : String(row.locale),
  extracted: parseJson<ExtractedTag[]>(row.extracted, []),
  decisions: parseJson<EditorDecisions>(row.decisions, {}),
  embedding: parseJson<number[] | null>(row.embedding, null),
  terms: parseJson<string[]>(row.terms, []),
  contentHash: (row.content_hash as string | null) ?? null,
  models: parseJson<Record<string, string>>(row.models, {}),
  truncated: toBoolean(row.truncated),
  taggedAt: toOptionalNumber(row.tagged_at),
});

/** The tags as readers see them: extractor output with editor decisions applied. */
export const visibleTags = (metadata: TagMetadata): Tag[] =>
  applyDecisions(metadata.extracted, metadata.decisions);

/** The row's key columns. */
const key = (uid: string, documentId: string, locale: string | null) => ({
  uid,
  document_id: documentId,
  locale: localeKey(locale),
});

/** The columns a tagging run writes (never the editor decisions). */
const extractionColumns = (metadata: Omit<TagMetadata, 'decisions'>) => ({
  extracted: JSON.stringify(metadata.extracted),
  embedding: metadata.embedding ? JSON.stringify(metadata.embedding) : null,
  terms: JSON.stringify(metadata.terms),
  content_hash: metadata.contentHash,
  models: JSON.stringify(metadata.models),
  truncated: metadata.truncated,
  tagged_at: metadata.taggedAt,
});

/** Reads and writes the per-entry tag metadata table. */
const createTaggingStoreService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  /** Inserts the row or updates only `changed`, in one statement (no read-modify-write). */
  const upsert = async (
    entry: { uid: string; documentId: string; locale: string | null },
    inserted: Row,
    changed: Row
  ): Promise<void> => {
    const where = key(entry.uid, entry.documentId, entry.locale);
    await knex()(METADATA_TABLE)
      .insert({ ...where, ...inserted })
      .onConflict(['uid', 'document_id', 'locale'])
      .merge(changed);
    // Delivery caches tags per content revision: new tags must reach readers at once.
    await getService(strapi, 'contentRevisions').bump(entry.uid);
  };

  return {
    async get(uid: string, documentId: string, locale: string | null): Promise<TagMetadata | null> {
      const row = await knex()(METADATA_TABLE)
        .where(key(uid, documentId, locale))
        .first();
      return row ? fromRow(row) : null;
    },

    async many(
      uid: string,
      documentIds: readonly string[],
      locale: string | null
    ): Promise<TagMetadata[]> {
      if (documentIds.length === 0) {
        return [];
      }
      const rows = (await knex()(METADATA_TABLE)
        .where({ uid, locale: localeKey(locale) })
        .whereIn('document_id', [...documentIds])) as Row[];
      return rows.map(fromRow);
    },

    /** All entries of a type in one locale that have an embedding (for related content). */
    async withEmbeddings(uid: string, locale: string | null): Promise<TagMetadata[]> {
      const rows = (await knex()(METADATA_TABLE)
        .where({ uid, locale: localeKey(locale) })
        .whereNotNull('embedding')) as Row[];
      return rows.map(fromRow);
    },

    /** Stored terms of every entry of a type, to rebuild the corpus statistics after a restart. */
    async termsOf(uid: string): Promise<{ key: string; terms: string[] }[]> {
      const rows = (await knex()(METADATA_TABLE)
        .where({ uid })
        .select('document_id', 'locale', 'terms')) as Row[];
      return rows.map((row) => ({
        key: `${String(row.document_id)}:${String(row.locale)}`,
        terms: parseJson<string[]>(row.terms, []),
      }));
    },

    /**
     * Stores what tagging found. Editor decisions are never written here: a job reads the row,
     * spends seconds in the models, and an editor's decision made meanwhile must survive it.
     */
    async saveExtraction(metadata: Omit<TagMetadata, 'decisions'>): Promise<void> {
      const values = extractionColumns(metadata);
      await upsert(metadata, { ...values, decisions: JSON.stringify({}) }, values);
    },

    /** Stores editor decisions only; what tagging found stays as the last job wrote it. */
    async saveDecisions(
      uid: string,
      documentId: string,
      locale: string | null,
      decisions: EditorDecisions
    ): Promise<void> {
      const values = { decisions: JSON.stringify(decisions) };
      const untagged = {
        extracted: JSON.stringify([]),
        terms: JSON.stringify([]),
        models: JSON.stringify({}),
        truncated: false,
      };
      await upsert({ uid, documentId, locale }, { ...untagged, ...values }, values);
    },

    async remove(uid: string, documentId: string, locale: string | null | '*'): Promise<number> {
      const query = knex()(METADATA_TABLE).where({ uid, document_id: documentId });
      if (locale !== '*') {
        query.where({ locale: localeKey(locale) });
      }
      const removed = await query.delete();
      await getService(strapi, 'contentRevisions').bump(uid);
      return removed;
    },
  };
};

export type TaggingStoreService = ReturnType<typeof createTaggingStoreService>;
export default createTaggingStoreService;
