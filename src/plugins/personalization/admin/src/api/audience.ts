import type {
  CallerProfileRecord,
  ClusteringRunRecord,
  CreateSegmentBody,
  ErasureCountsRecord,
  SegmentRecord,
} from '../../../shared/contracts/audience';
import { apiPath } from '../pluginPaths';
import { getData, query, type Envelope, type FetchClient } from './request';

/** How a caller is named: a visitor id or a users-permissions user id. */
export type CallerIdKind = 'visitorId' | 'userId';

const byCaller = (kind: CallerIdKind, id: string) => `?${kind}=${encodeURIComponent(id)}`;

export const listSegments = () => query<SegmentRecord[]>(apiPath('segments'));
export const listClusteringRuns = () => query<ClusteringRunRecord[]>(apiPath('clustering', 'runs'));

export const audienceCommands = (client: FetchClient) => ({
  createSegment: async (body: CreateSegmentBody): Promise<void> => {
    await client.post(apiPath('segments'), body);
  },
  deleteSegment: async (name: string): Promise<void> => {
    await client.del(apiPath('segments', name));
  },
  /** Runs the clustering now; `skipped` says why it did not (too few profiles…). */
  runClustering: async (): Promise<ClusteringRunRecord | { skipped: string }> =>
    (
      await client.post<Envelope<ClusteringRunRecord | { skipped: string }>>(
        apiPath('clustering', 'run')
      )
    ).data.data,
  lookUpProfile: (kind: CallerIdKind, id: string) =>
    getData<CallerProfileRecord>(client, `${apiPath('profiles')}${byCaller(kind, id)}`),
  eraseCaller: async (kind: CallerIdKind, id: string): Promise<ErasureCountsRecord> =>
    (
      await client.del<Envelope<ErasureCountsRecord>>(
        kind === 'userId' ? apiPath('users', id) : apiPath('visitors', id)
      )
    ).data.data,
  /** Subject access: everything stored about the caller. */
  exportCaller: (kind: CallerIdKind, id: string) =>
    getData<unknown>(client, `${apiPath('export')}${byCaller(kind, id)}`),
});
