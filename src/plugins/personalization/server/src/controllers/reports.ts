import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { parseBody } from '../validation/common';
import { emptyQuery, reportNameSchema } from '../validation/privacy-input';
import { managementActor, type AuditableContext } from './audit-actor';
import type { RequestContext } from './request-context';

const createReportsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /reports/:name`: a differentially private release; 429 once the budget is spent. */
  async show(ctx: RequestContext & AuditableContext) {
    const name = parseBody(reportNameSchema, ctx.params.name);
    parseBody(emptyQuery, ctx.query);
    ctx.body = { data: await getService(strapi, 'reports').release(name, managementActor(ctx)) };
  },
});

export default createReportsController;
