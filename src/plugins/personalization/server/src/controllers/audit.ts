import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { parseBody } from '../validation/common';
import { auditQuerySchema } from '../validation/privacy-input';
import type { RequestContext } from './request-context';

const createAuditController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /audit?subject=&action=&since=&limit=`: the access log, newest first (default 100). */
  async read(ctx: RequestContext) {
    const query = parseBody(auditQuerySchema, ctx.query);
    const rows = await getService(strapi, 'audit').list({ ...query, limit: query.limit ?? 100 });
    ctx.body = { data: rows, meta: { count: rows.length } };
  },
});

export default createAuditController;
