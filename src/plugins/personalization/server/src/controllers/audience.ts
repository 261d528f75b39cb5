import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { parseBody } from '../validation/common';
import { subjectLookupSchema } from '../validation/privacy-input';
import { auditEntry, managementActor, type AuditableContext } from './audit-actor';
import type { RequestContext } from './request-context';

const createAudienceController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /export?userId=…|visitorId=…`: a subject access export made by an admin or API token. */
  async export(ctx: RequestContext & AuditableContext) {
    const query = parseBody(subjectLookupSchema, ctx.query);
    const caller = query.userId ? { user: { id: query.userId } } : { visitorId: query.visitorId };
    const exports = getService(strapi, 'privacyExport');
    const keys = await exports.keysOf(caller);
    const data = await exports.export(caller, keys);
    await getService(strapi, 'audit').record(
      auditEntry(ctx, managementActor(ctx), 'export', keys[0])
    );
    ctx.body = { data };
  },
});

export default createAudienceController;
