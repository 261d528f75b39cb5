import type { Core } from '@strapi/strapi';
import type { FeedbackAuditRecord } from '../../../shared/contracts/recommendations';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';
import { parseBody } from '../validation/common';
import { emptyBodySchema } from '../validation/experiment-input';
import { feedbackAuditQuerySchema } from '../validation/recommendations-input';
import type { RequestContext } from './request-context';
import { parseOrThrow } from './tagging-validation';

const createFeedbackAuditController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /feedback-audit`: the stored weeks per segment, with the warning threshold. */
  async find(ctx: RequestContext) {
    const filter = parseOrThrow(feedbackAuditQuerySchema, ctx.query, 'query');
    ctx.body = {
      data: (await getService(strapi, 'feedbackAudit').rows(
        filter
      )) satisfies FeedbackAuditRecord[],
      meta: {
        entropyDropWarning: getPluginConfig(strapi).recommendations.audit.entropyDropWarning,
        // Events that sent back a list id: credited to an issued list, or refused (forged, expired).
        listAttribution: await getService(strapi, 'recommendations').issuedLists.totals(
          getPluginConfig(strapi).recommendations.audit.weeks * 7
        ),
      },
    };
  },

  /** `POST /feedback-audit/run`: recomputes now (it also runs on Strapi's cron). */
  async run(ctx: RequestContext) {
    parseBody(emptyBodySchema, ctx.request.body ?? {});
    ctx.body = {
      data: (await getService(strapi, 'feedbackAudit').run()) satisfies FeedbackAuditRecord[],
    };
  },
});

export default createFeedbackAuditController;
