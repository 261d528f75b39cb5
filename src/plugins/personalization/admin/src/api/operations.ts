import type { HealthResponse } from '../../../shared/contracts/health';
import type { AuditRecord } from '../../../shared/contracts/privacy';
import type { FeedbackAuditRecord } from '../../../shared/contracts/recommendations';
import { apiPath } from '../pluginPaths';
import { getData, query, type FetchClient } from './request';

export const listFeedbackAudit = () => query<FeedbackAuditRecord[]>(apiPath('feedback-audit'));

/** Health, the access audit log and the feedback-loop audit. */
export const operationCommands = (client: FetchClient) => ({
  /** The health route answers unwrapped (no `data`). */
  getHealth: async (): Promise<HealthResponse> =>
    (await client.get<HealthResponse>(apiPath('health'))).data,
  /** `search` is the query string (with its `?`, or empty). */
  listAudit: (search: string) => getData<AuditRecord[]>(client, `${apiPath('audit')}${search}`),
  runFeedbackAudit: async (): Promise<void> => {
    await client.post(apiPath('feedback-audit', 'run'));
  },
});
