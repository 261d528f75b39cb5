import type {
  CreateRuleBody,
  RuleRecord,
  ShadowReport,
  UpdateRuleBody,
} from '../../../shared/contracts/templates';
import { apiPath } from '../pluginPaths';
import { query, type FetchClient } from './request';

export const listRules = () => query<RuleRecord[]>(apiPath('rules'));
export const getRule = (name: string) => query<RuleRecord>(apiPath('rules', name));
export const getShadowReport = (name: string) =>
  query<ShadowReport>(apiPath('rules', name, 'shadow-report'));

export const ruleCommands = (client: FetchClient) => ({
  /** `existing` is the saved rule's name; null creates one from the body (with its name). */
  saveRule: async (existing: string | null, body: UpdateRuleBody | CreateRuleBody) => {
    if (existing !== null) await client.put(apiPath('rules', existing), body);
    else await client.post(apiPath('rules'), body);
  },
  deleteRule: async (name: string): Promise<void> => {
    await client.del(apiPath('rules', name));
  },
  /** Promotes the shadow candidate to live, or discards it. */
  shadowAction: async (name: string, action: 'promote' | 'discard'): Promise<void> => {
    await client.post(apiPath('rules', name, 'shadow', action), {});
  },
});
