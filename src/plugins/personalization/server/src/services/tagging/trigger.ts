import type { Core } from '@strapi/strapi';
import { getPluginConfig } from '../../utils/get-plugin-config';
import { getService } from '../../utils/get-service';

const TAGGED_ACTIONS = new Set(['create', 'update', 'publish']);

interface SavedEntry {
  documentId?: string;
  locale?: string | null;
}

/** The entries a document-service action wrote: one document, or `entries` for publish. */
export const savedEntries = (
  result: unknown,
  params: { documentId?: string; locale?: string }
): { documentId: string; locale: string | null }[] => {
  const record = (result ?? {}) as SavedEntry & { entries?: SavedEntry[] };
  const entries: SavedEntry[] = Array.isArray(record.entries) ? record.entries : [record];
  const found = new Map<string, { documentId: string; locale: string | null }>();
  for (const entry of entries) {
    const documentId = entry.documentId ?? record.documentId ?? params.documentId;
    if (!documentId) {
      continue;
    }
    const rawLocale = entry.locale ?? (params.locale === '*' ? undefined : params.locale);
    const locale = rawLocale ?? null;
    found.set(`${documentId}:${locale ?? ''}`, { documentId, locale });
  }
  return [...found.values()];
};

/**
 * Registers the document-service middleware that enqueues a tagging job after each create,
 * update and publish of an opted-in type. It calls next() exactly once, returns its result
 * untouched, and only logs (and counts) a failure to enqueue: the save has already succeeded.
 */
export const registerTaggingTrigger = (strapi: Core.Strapi): void => {
  let enqueueErrors = 0;
  strapi.documents.use(async (context, next) => {
    const result = await next();
    const tagging = getPluginConfig(strapi).tagging;
    const optIn = getService(strapi, 'optIns').get(context.uid);
    if (!tagging.enabled || !optIn?.tagging) {
      return result;
    }
    const params = (context.params ?? {}) as { documentId?: string; locale?: string };
    if (TAGGED_ACTIONS.has(context.action)) {
      const entries = savedEntries(result, params);
      // After the commit, so the worker reads what was saved and a rollback enqueues nothing.
      const enqueue = async () => {
        try {
          for (const { documentId, locale } of entries) {
            await getService(strapi, 'taggingQueue').enqueueEntry(context.uid, documentId, locale);
          }
          getService(strapi, 'taggingWorker').kick();
        } catch (error) {
          enqueueErrors += 1;
          strapi.log.error(
            `[personalization] could not enqueue tagging for ${context.uid} (${enqueueErrors} enqueue errors so far): ${String(error)}`
          );
        }
      };
      await strapi.db.transaction(({ onCommit }) => {
        onCommit(enqueue);
      });
    } else if (context.action === 'delete' && params.documentId) {
      const documentId = params.documentId;
      const locale = params.locale === '*' || !params.locale ? '*' : params.locale;
      await getService(strapi, 'taggingStore')
        .remove(context.uid, documentId, locale)
        .catch((error: unknown) => {
          strapi.log.error(
            `[personalization] could not remove tags of ${documentId}: ${String(error)}`
          );
        });
    }
    return result;
  });
};
