import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils/get-service';
import { runInternal } from '../utils/internal-lookup';
import {
  entryParamsSchema,
  jobParamsSchema,
  parseOrThrow,
  rescanBodySchema,
  rescanParamsSchema,
} from './tagging-validation';

interface Ctx {
  params: unknown;
  request: { body?: unknown };
  body: unknown;
  status: number;
}

const createTaggingController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async status(ctx: Ctx) {
    ctx.body = { data: await getService(strapi, 'taggingStatus').report() };
  },

  /** Queues a re-tagging of every entry of a type; answers 202 with the job to poll for progress. */
  async rescan(ctx: Ctx) {
    const { uid } = parseOrThrow(rescanParamsSchema, ctx.params, 'path');
    const body = parseOrThrow(rescanBodySchema, ctx.request.body, 'body');
    if (!getService(strapi, 'optIns').get(uid)?.tagging) {
      throw new errors.NotFoundError(`${uid} is not a content type that opts in to tagging`);
    }
    const job = await getService(strapi, 'taggingQueue').enqueueRescan(
      uid,
      body.data?.locale ?? null
    );
    getService(strapi, 'taggingWorker').kick();
    ctx.status = 202;
    ctx.body = { data: job };
  },

  /** Queues a forced re-tagging of one entry (even if its text did not change); 202 with the job. */
  async rescanEntry(ctx: Ctx) {
    const { uid, documentId } = parseOrThrow(entryParamsSchema, ctx.params, 'path');
    const body = parseOrThrow(rescanBodySchema, ctx.request.body, 'body');
    if (!getService(strapi, 'optIns').get(uid)?.tagging) {
      throw new errors.NotFoundError(`${uid} is not a content type that opts in to tagging`);
    }
    const locale = body.data?.locale;
    const stored = await runInternal(() =>
      strapi.documents(uid as UID.ContentType).findOne({
        documentId,
        ...(locale ? { locale } : {}),
        fields: ['documentId'],
      })
    );
    if (!stored) {
      throw new errors.NotFoundError(
        `no ${uid} entry with documentId "${documentId}"${locale ? ` in locale "${locale}"` : ''}`
      );
    }
    const job = await getService(strapi, 'taggingQueue').enqueueEntry(
      uid,
      documentId,
      body.data?.locale ?? null,
      { force: true }
    );
    getService(strapi, 'taggingWorker').kick();
    ctx.status = 202;
    ctx.body = { data: job };
  },

  async job(ctx: Ctx) {
    const { id } = parseOrThrow(jobParamsSchema, ctx.params, 'path');
    const job = await getService(strapi, 'taggingQueue').get(id);
    if (!job) {
      throw new errors.NotFoundError(`no tagging job ${id}`);
    }
    ctx.body = { data: job };
  },
});

export default createTaggingController;
