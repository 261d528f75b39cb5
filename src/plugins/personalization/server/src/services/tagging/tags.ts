import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  decisionKey,
  labelKey,
  type EditorDecisions,
  type Tag,
  type TagType,
} from '../../core/tagging';
import { getService } from '../../utils/get-service';
import { visibleTags, type TagMetadata } from './store';

export interface EntryTags {
  uid: string;
  documentId: string;
  locale: string | null;
  /** "pending" until the first tagging job for the entry has run. */
  state: 'tagged' | 'pending';
  tags: Tag[];
  contentHash: string | null;
  models: Record<string, string>;
  embedding: { dimensions: number } | null;
  truncated: boolean;
  taggedAt: string | null;
}

export const EDITOR_SOURCE = 'editor';
const EDITOR_VERSION = '1';

const emptyMetadata = (uid: string, documentId: string, locale: string | null): TagMetadata => ({
  uid,
  documentId,
  locale,
  extracted: [],
  decisions: {},
  embedding: null,
  terms: [],
  contentHash: null,
  models: {},
  truncated: false,
  taggedAt: null,
});

const present = (metadata: TagMetadata, tagged: boolean): EntryTags => ({
  uid: metadata.uid,
  documentId: metadata.documentId,
  locale: metadata.locale,
  state: tagged ? 'tagged' : 'pending',
  tags: visibleTags(metadata),
  contentHash: metadata.contentHash,
  models: metadata.models,
  embedding: metadata.embedding ? { dimensions: metadata.embedding.length } : null,
  truncated: metadata.truncated,
  taggedAt: metadata.taggedAt ? new Date(metadata.taggedAt).toISOString() : null,
});

/** 404 unless the type opts in to tagging and the entry exists (in any status). */
const assertEntry = async (
  strapi: Core.Strapi,
  uid: string,
  documentId: string,
  locale: string | null
) => {
  if (!getService(strapi, 'optIns').get(uid)?.tagging) {
    throw new errors.NotFoundError(`${uid} is not a content type that opts in to tagging`);
  }
  const found = await strapi
    .documents(uid as Parameters<typeof strapi.documents>[0])
    .findOne({ documentId, ...(locale ? { locale } : {}), fields: ['documentId'] });
  if (!found) {
    throw new errors.NotFoundError(
      `no ${uid} entry with documentId "${documentId}"${locale ? ` in locale ${locale}` : ''}`
    );
  }
};

/** Stores the editor decisions and answers the entry's tags with them. */
const saveDecisions = async (
  strapi: Core.Strapi,
  metadata: TagMetadata,
  tagged: boolean,
  decisions: EditorDecisions
): Promise<EntryTags> => {
  const updated = { ...metadata, decisions };
  await getService(strapi, 'taggingStore').saveDecisions(
    metadata.uid,
    metadata.documentId,
    metadata.locale,
    decisions
  );
  return present(updated, tagged);
};

/**
 * Tags as editors and readers see them, and the editor decisions on them.
 * `forEntries` is the method content delivery calls to fill `personalization.tags`.
 */
const createTagsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => getService(strapi, 'taggingStore');

  const load = async (uid: string, documentId: string, locale: string | null) => {
    await assertEntry(strapi, uid, documentId, locale);
    const metadata = await store().get(uid, documentId, locale);
    return {
      metadata: metadata ?? emptyMetadata(uid, documentId, locale),
      tagged: metadata !== null && metadata.taggedAt !== null,
    };
  };

  return {
    /**
     * Tags per documentId for a page of entries (one query); entries never tagged are absent.
     * Rejected tags are included with status "rejected" (DESIGN §3). Fails open for readers:
     * a storage error is logged and answered with no tags, never thrown into a content request.
     */
    async forEntries(
      uid: string,
      documentIds: readonly string[],
      locale: string | null
    ): Promise<Record<string, Tag[]>> {
      try {
        const rows = await store().many(uid, documentIds, locale);
        return Object.fromEntries(rows.map((row) => [row.documentId, visibleTags(row)]));
      } catch (error) {
        strapi.log.error(`[personalization] could not read tags of ${uid}: ${String(error)}`);
        return {};
      }
    },

    async show(uid: string, documentId: string, locale: string | null): Promise<EntryTags> {
      const { metadata, tagged } = await load(uid, documentId, locale);
      return present(metadata, tagged);
    },

    /** Accepts or rejects a tag the entry currently shows; the decision survives re-tagging. */
    async decide(
      uid: string,
      documentId: string,
      locale: string | null,
      tag: { label: string; type: TagType },
      status: 'accepted' | 'rejected'
    ): Promise<EntryTags> {
      const { metadata, tagged } = await load(uid, documentId, locale);
      const key = decisionKey(tag);
      const current = visibleTags(metadata).find((candidate) => decisionKey(candidate) === key);
      if (!current) {
        throw new errors.NotFoundError(
          `entry ${documentId} has no ${tag.type} tag "${tag.label}"; list its tags with GET first`
        );
      }
      const previous = metadata.decisions[key];
      const decisions: EditorDecisions = {
        ...metadata.decisions,
        [key]: status === 'accepted' && previous?.added ? previous : { status },
      };
      return saveDecisions(strapi, metadata, tagged, decisions);
    },

    /** Adds a tag by hand: accepted, sourced "editor", kept whatever later tagging finds. */
    async add(
      uid: string,
      documentId: string,
      locale: string | null,
      tag: { label: string; type: TagType }
    ): Promise<EntryTags> {
      const { metadata, tagged } = await load(uid, documentId, locale);
      const key = decisionKey(tag);
      const label = tag.label.trim();
      if (labelKey(label).length === 0) {
        throw new errors.ValidationError('label must contain a letter or digit');
      }
      const decisions: EditorDecisions = {
        ...metadata.decisions,
        [key]: {
          status: 'accepted',
          added: {
            label,
            type: tag.type,
            confidence: 1,
            source: EDITOR_SOURCE,
            sourceVersion: EDITOR_VERSION,
          },
        },
      };
      return saveDecisions(strapi, metadata, tagged, decisions);
    },
  };
};

export type TagsService = ReturnType<typeof createTagsService>;
export default createTagsService;
