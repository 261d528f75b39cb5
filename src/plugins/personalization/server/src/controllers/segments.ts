import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { createSegmentSchema, updateSegmentSchema } from '../validation/audience-input';
import { crudController } from './crud-controller';
import type { ClusteringRunRecord } from '../../../shared/contracts/audience';
import type { RequestContext } from './request-context';

const createSegmentsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  ...crudController(() => getService(strapi, 'segments'), {
    create: createSegmentSchema,
    update: updateSegmentSchema,
  }),

  /** `GET /segments/sizes`: members of every segment, rule-based and clusters. */
  async sizes(ctx: RequestContext) {
    ctx.body = { data: await getService(strapi, 'segments').sizes() };
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
