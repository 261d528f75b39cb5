import type { BanditReport } from '../../../shared/contracts/bandits';
import type {
  CreateExperimentBody,
  ExperimentRecord,
  SampleSizeBody,
  ShipExperimentBody,
  ShipExperimentResult,
  StopExperimentBody,
  UpdateExperimentBody,
} from '../../../shared/contracts/experiment-records';
import type { ExperimentResults } from '../../../shared/contracts/experiments';
import { apiPath } from '../pluginPaths';
import { query, type Envelope, type FetchClient } from './request';

export const listExperiments = () => query<ExperimentRecord[]>(apiPath('experiments'));
export const getExperiment = (name: string) =>
  query<ExperimentRecord>(apiPath('experiments', name));
export const getExperimentResults = (name: string) =>
  query<ExperimentResults>(apiPath('experiments', name, 'results'));
export const getBanditReport = (name: string) =>
  query<BanditReport>(apiPath('experiments', name, 'bandit'));

export const experimentCommands = (client: FetchClient) => ({
  /** `existing` is the saved experiment's name; null creates one from the body (with its name). */
  saveExperiment: async (
    existing: string | null,
    body: UpdateExperimentBody | CreateExperimentBody
  ): Promise<void> => {
    if (existing !== null) await client.put(apiPath('experiments', existing), body);
    else await client.post(apiPath('experiments'), body);
  },
  startExperiment: async (name: string): Promise<void> => {
    await client.post(apiPath('experiments', name, 'start'), {});
  },
  archiveExperiment: async (name: string): Promise<void> => {
    await client.post(apiPath('experiments', name, 'archive'), {});
  },
  deleteExperiment: async (name: string): Promise<void> => {
    await client.del(apiPath('experiments', name));
  },
  stopExperiment: async (name: string, body: StopExperimentBody): Promise<void> => {
    await client.post(apiPath('experiments', name, 'stop'), body);
  },
  shipExperiment: async (name: string, body: ShipExperimentBody): Promise<ShipExperimentResult> =>
    (await client.post<Envelope<ShipExperimentResult>>(apiPath('experiments', name, 'ship'), body))
      .data.data,
  reweightBandit: async (name: string): Promise<void> => {
    await client.post(apiPath('experiments', name, 'bandit', 'reweight'), {});
  },
  /** The whole answer, unread: the caller checks its shape (see readPerArm). */
  sampleSize: async (body: SampleSizeBody): Promise<unknown> =>
    (await client.post<unknown>(apiPath('stats', 'sample-size'), body)).data,
});
