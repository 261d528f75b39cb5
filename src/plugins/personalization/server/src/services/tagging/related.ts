import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { nearestNeighbours } from '../../core/tagging';
import { getService } from '../../utils/get-service';
import { runInternal } from '../../utils/internal-lookup';

export interface RelatedEntry {
  documentId: string;
  score: number;
  /** The entry's first tagged field (usually its title), so a list can be shown without a second call. */
  title: string | null;
}

export interface RelatedResult {
  uid: string;
  documentId: string;
  locale: string | null;
  model: string | null;
  related: RelatedEntry[];
}

/** Related content: nearest entries of the same type by cosine similarity of their embeddings. */
const createRelatedService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(
    uid: string,
    documentId: string,
    locale: string | null,
    limit: number
  ): Promise<RelatedResult> {
    const optIn = getService(strapi, 'optIns').get(uid);
    if (!optIn?.tagging) {
      throw new errors.NotFoundError(`${uid} is not a content type that opts in to tagging`);
    }
    const documents = strapi.documents(uid as Parameters<typeof strapi.documents>[0]);
    if (
      !(await documents.findOne({
        documentId,
        ...(locale ? { locale } : {}),
        fields: ['documentId'],
      }))
    ) {
      throw new errors.NotFoundError(`no ${uid} entry with documentId "${documentId}"`);
    }
    const all = await getService(strapi, 'taggingStore').withEmbeddings(uid, locale);
    const self = all.find((entry) => entry.documentId === documentId);
    if (!self?.embedding) {
      return { uid, documentId, locale, model: null, related: [] };
    }

    // Only published entries are related content: a draft-only entry is not public yet.
    const titleField = optIn.tagging.fields[0];
    const titles = await publishedTitles(strapi, uid, locale, titleField);
    const variants = new Set(await variantDocumentIds(strapi, uid));
    const neighbours = nearestNeighbours(
      self.embedding,
      all
        .filter((entry) => titles.has(entry.documentId) && !variants.has(entry.documentId))
        .map((entry) => ({ key: entry.documentId, vector: entry.embedding ?? [] })),
      limit,
      new Set([documentId])
    );
    return {
      uid,
      documentId,
      locale,
      model: self.models.embedding ?? null,
      related: neighbours.map((neighbour) => ({
        documentId: neighbour.key,
        score: neighbour.score,
        title: titles.get(neighbour.key) ?? null,
      })),
    };
  },
});

/** documentId → title of every published entry of a type in a locale. */
const publishedTitles = async (
  strapi: Core.Strapi,
  uid: string,
  locale: string | null,
  titleField: string
): Promise<Map<string, string | null>> => {
  const found = (await runInternal(() =>
    strapi.documents(uid as Parameters<typeof strapi.documents>[0]).findMany({
      ...(locale ? { locale } : {}),
      status: 'published',
      fields: ['documentId', titleField] as never,
      limit: -1,
    })
  )) as Record<string, unknown>[];
  const titles = new Map<string, string | null>();
  for (const entry of found) {
    const title = entry[titleField];
    titles.set(String(entry.documentId), typeof title === 'string' ? title : null);
  }
  return titles;
};

/**
 * Variants (issue 4 adds `variantKey` to opted-in types) are other versions of an entry, never
 * related content: every entry with a variantKey is left out, whichever base it belongs to.
 */
const variantDocumentIds = async (strapi: Core.Strapi, uid: string): Promise<string[]> => {
  const attributes = strapi.contentTypes[uid as keyof typeof strapi.contentTypes]?.attributes ?? {};
  if (!('variantKey' in attributes)) {
    return [];
  }
  const rows = (await strapi.db
    .query(uid as Parameters<typeof strapi.db.query>[0])
    .findMany({ where: { variantKey: { $notNull: true } }, select: ['documentId'] })) as {
    documentId: string;
  }[];
  return rows.map((row) => row.documentId);
};

export type RelatedService = ReturnType<typeof createRelatedService>;
export default createRelatedService;
