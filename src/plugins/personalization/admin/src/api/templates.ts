import type {
  CreateTemplateBody,
  TemplateRecord,
  TemplateVersionRecord,
  TemplateVersionSummary,
  TestRun,
  UpdateTemplateBody,
  ValidationReport,
} from '../../../shared/contracts/templates';
import { apiPath } from '../pluginPaths';
import { getData, query, type Envelope, type FetchClient } from './request';

export const listTemplates = () => query<TemplateRecord[]>(apiPath('templates'));
export const getTemplate = (name: string) => query<TemplateRecord>(apiPath('templates', name));
export const listTemplateVersions = (name: string) =>
  query<TemplateVersionSummary[]>(apiPath('templates', name, 'versions'));

export const templateCommands = (client: FetchClient) => ({
  /** `existing` is the saved template's name; null creates one from the body (with its name). */
  saveTemplate: async (
    existing: string | null,
    body: UpdateTemplateBody | CreateTemplateBody
  ): Promise<void> => {
    if (existing !== null) await client.put(apiPath('templates', existing), body);
    else await client.post(apiPath('templates'), body);
  },
  validateTemplate: async (body: CreateTemplateBody): Promise<ValidationReport> =>
    (await client.post<Envelope<ValidationReport>>(apiPath('templates', 'validate'), body)).data
      .data,
  runTemplateTests: async (name: string): Promise<TestRun> =>
    (await client.post<Envelope<{ tests: TestRun }>>(apiPath('templates', name, 'test'), {})).data
      .data.tests,
  getTemplateVersion: (name: string, version: number) =>
    getData<TemplateVersionRecord>(client, apiPath('templates', name, 'versions', String(version))),
  rollbackTemplate: async (name: string, version: number): Promise<void> => {
    await client.post(apiPath('templates', name, 'rollback'), { version });
  },
});
