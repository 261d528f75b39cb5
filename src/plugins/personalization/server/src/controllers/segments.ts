import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { getService } from '../utils/get-service';
import { parseBody } from '../validation/common';
import { createSegmentSchema, updateSegmentSchema } from '../validation/audience-input';
import { crudController } from './crud-controller';
import type { ClusteringRunRecord } from '../../../shared/contracts/audience';
import type { RequestContext } from './request-context';
import { auditEntry, managementActor, type AuditableContext } from './audit-actor';

const membersQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();

const createSegmentsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  ...crudController(() => getService(strapi, 'segments'), {
    create: createSegmentSchema,
    update: updateSegmentSchema,
  }),

  /** `GET /segments/sizes`: members of every segment, rule-based and clusters. */
  async sizes(ctx: RequestContext) {
    ctx.body = { data: await getService(strapi, 'segments').sizes() };
  },

  /**
   * `GET /segments/:name/members?limit=&offset=`: who is in a segment, as pseudonyms. Listing
   * someone is a read of their data: one audit row per member listed, written before the answer.
   */
  async members(ctx: RequestContext & AuditableContext & { params: { name: string } }) {
    const page = parseBody(membersQuerySchema, ctx.query);
    const { members, total } = await getService(strapi, 'segments').members(ctx.params.name, page);
    const actor = managementActor(ctx);
    const audit = getService(strapi, 'audit');
    await strapi.db.connection.transaction(async (trx) => {
      for (const member of members) {
        await audit.record(auditEntry(ctx, actor, 'segment.members', member.subjectKey), trx);
      }
    });
    ctx.body = { data: members, meta: { total, limit: page.limit, offset: page.offset } };
  },

  /** `GET /clustering/runs`: the latest runs, newest first, with sizes, silhouette and ARI. */
  async runs(ctx: RequestContext) {
    ctx.body = {
      data: (await getService(strapi, 'clustering').history()) satisfies ClusteringRunRecord[],
    };
  },

  /** `POST /clustering/run`: runs the clustering now (it also runs daily on Strapi's cron). */
  async run(ctx: RequestContext) {
    ctx.body = { data: await getService(strapi, 'clustering').run() };
  },
});

export default createSegmentsController;
