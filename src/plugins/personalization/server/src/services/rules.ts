import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Snapshot } from '../core/changes/change-registry';
import { errors } from '@strapi/utils';
import { orderRules, type RuleDefinition } from '../core/rules';
import { resolveParameters } from '../core/templates';
import type { RuleRow } from '../records/types';
import { RULE_UID } from '../records/uids';
import { getService } from '../utils/get-service';
import type { CreateRuleInput, UpdateRuleInput } from '../validation/rule-input';

const toDefinition = (row: RuleRow): RuleDefinition => ({
  name: row.name,
  contentType: row.contentType,
  entryFilter: row.entryFilter,
  template: row.template,
  templateVersion: row.templateVersion,
  params: row.params ?? {},
  priority: row.priority ?? 0,
  status: row.status,
  flagName: row.flagName,
  shadow: row.shadow ?? null,
});

const createRulesService = ({ strapi }: { strapi: Core.Strapi }) => {
  let byContentType = new Map<string, RuleDefinition[]>();
  let revision = '';
  const rows = () => strapi.db.query(RULE_UID);

  const findRow = async (name: string): Promise<RuleRow> => {
    const row = (await rows().findOne({ where: { name } })) as RuleRow | null;
    if (!row) throw new errors.NotFoundError(`rule "${name}" does not exist`);
    return row;
  };

  /** A shadow candidate must exist and mean something for the rule's status. */
  const assertShadowValid = (rule: RuleDefinition) => {
    const shadow = rule.shadow;
    if (!shadow) return;
    if (rule.status === 'disabled') {
      throw new errors.ValidationError(
        'shadow: a disabled rule is not shadowed; set status "shadow", or remove shadow'
      );
    }
    const candidate = shadow.templateVersion;
    if (rule.status === 'active' && (candidate === undefined || candidate === null)) {
      throw new errors.ValidationError(
        'shadow.templateVersion: a live rule shadows a candidate template version; name it'
      );
    }
    if (rule.status === 'active' && candidate === rule.templateVersion) {
      throw new errors.ValidationError(
        `shadow.templateVersion: the rule already serves version ${candidate}; name another`
      );
    }
    if (
      candidate !== undefined &&
      candidate !== null &&
      !getService(strapi, 'templates').sourceFor(rule.template, candidate)
    ) {
      throw new errors.ValidationError(
        `shadow.templateVersion: template "${rule.template}" has no version ${candidate}`
      );
    }
  };

  /** Everything that must hold before a rule is stored; each failure is a 400 that says what to fix. */
  const assertValid = (rule: RuleDefinition) => {
    const optIn = getService(strapi, 'optIns').get(rule.contentType);
    if (!optIn || !optIn.variants) {
      const allowed = getService(strapi, 'optIns')
        .list()
        .filter((candidate) => candidate.variants)
        .map((candidate) => candidate.uid);
      throw new errors.ValidationError(
        `contentType "${rule.contentType}" does not opt in to variants (allowed: ${allowed.join(', ') || 'none'})`
      );
    }
    const templates = getService(strapi, 'templates');
    if (!templates.library().latest(rule.template)) {
      throw new errors.ValidationError(`template "${rule.template}" does not exist`);
    }
    const source =
      rule.templateVersion === null
        ? (templates.sourceFor(rule.template, null) ?? templates.library().latest(rule.template))
        : templates.sourceFor(rule.template, rule.templateVersion);
    if (!source) {
      throw new errors.ValidationError(
        `template "${rule.template}" has no version ${rule.templateVersion}`
      );
    }
    const params = resolveParameters(source.parameters, rule.params);
    if (params.problems.length > 0) {
      throw new errors.ValidationError(`params: ${params.problems.join('; ')}`, {
        problems: params.problems,
      });
    }
    assertShadowValid(rule);
    if (rule.status === 'active') assertActivatable(rule);
  };

  /** An active rule renders a version with at least one test case, all of which pass now. */
  const assertActivatable = (rule: RuleDefinition) => {
    const templates = getService(strapi, 'templates');
    const refuse = (reason: string) =>
      new errors.ValidationError(`cannot activate rule "${rule.name}": ${reason}`);
    const renderable = templates.sourceFor(rule.template, rule.templateVersion);
    if (rule.templateVersion === null) {
      if (!renderable) {
        const latest = templates.library().latest(rule.template);
        const untested =
          latest !== undefined &&
          templates.sourceFor(rule.template, latest.version)?.testCases.length === 0;
        throw refuse(
          untested
            ? `template "${rule.template}" has no test cases; activating a rule needs at least one passing test case`
            : `no version of template "${rule.template}" passes its tests`
        );
      }
    } else if (renderable?.testCases.length === 0) {
      throw refuse(
        `version ${rule.templateVersion} of template "${rule.template}" has no test cases; activating a rule needs at least one passing test case`
      );
    }
    // The stored result was computed when the version was saved; partials may have changed since.
    if (!renderable || !renderable.testsPassed || !templates.passesTestsNow(renderable)) {
      throw refuse(
        rule.templateVersion === null
          ? `no version of template "${rule.template}" passes its tests`
          : `version ${rule.templateVersion} of template "${rule.template}" fails its tests`
      );
    }
  };

  /** Reloads the rules into memory, grouped by content type in evaluation order. */
  const loadRules = async (): Promise<void> => {
    const all = ((await rows().findMany()) as RuleRow[]).map(toDefinition);
    const grouped = new Map<string, RuleDefinition[]>();
    for (const rule of orderRules(all)) {
      grouped.set(rule.contentType, [...(grouped.get(rule.contentType) ?? []), rule]);
    }
    byContentType = grouped;
    revision = createHash('sha1').update(JSON.stringify(all)).digest('base64url');
  };

  const service = {
    /** The rules in memory, reloaded through the change channel. */
    snapshot: { kind: 'rules', reload: loadRules } satisfies Snapshot,

    /** Changes whenever any rule changes; identical on instances that hold the same rules. */
    revision: (): string => revision,

    /** The rules of a content type in evaluation order (from memory: this is on the request path). */
    forContentType: (uid: string): RuleDefinition[] => byContentType.get(uid) ?? [],

    async list(): Promise<RuleRow[]> {
      return (await rows().findMany({
        orderBy: [{ priority: 'desc' }, { name: 'asc' }],
      })) as RuleRow[];
    },

    get: findRow,

    async create(input: CreateRuleInput): Promise<RuleRow> {
      if (await rows().findOne({ where: { name: input.name } })) {
        throw new errors.ValidationError(`rule "${input.name}" already exists; update it instead`);
      }
      const rule: RuleDefinition = {
        name: input.name,
        contentType: input.contentType,
        entryFilter: input.entryFilter ?? null,
        template: input.template,
        templateVersion: input.templateVersion ?? null,
        params: input.params ?? {},
        priority: input.priority ?? 0,
        status: input.status ?? 'disabled',
        flagName: input.flagName ?? `personalization.${input.name}`,
        shadow: input.shadow ?? null,
      };
      assertValid(rule);
      const flags = getService(strapi, 'flags');
      const flagDescription = `Gate of the rule "${rule.name}"`;
      // A flag shared with an existing rule keeps its state; any other flag of a new rule starts off.
      if (await rows().findOne({ where: { flagName: rule.flagName } })) {
        await flags.ensureLocalFlag(rule.flagName, flagDescription);
      } else {
        await flags.startLocalFlagOff(rule.flagName, flagDescription);
      }
      const row = (await rows().create({
        data: { ...rule, description: input.description ?? null },
      })) as RuleRow;
      await getService(strapi, 'changeChannel').changed('rules');
      return row;
    },

    async update(name: string, input: UpdateRuleInput): Promise<RuleRow> {
      const current = toDefinition(await findRow(name));
      const changes = Object.fromEntries(
        Object.entries(input).filter(([, value]) => value !== undefined)
      );
      const next: RuleDefinition = { ...current, ...changes, name };
      assertValid(next);
      const row = (await rows().update({ where: { name }, data: changes })) as RuleRow;
      await getService(strapi, 'flags').ensureLocalFlag(
        next.flagName,
        `Gate of the rule "${name}"`
      );
      await getService(strapi, 'changeChannel').changed('rules');
      return row;
    },

    async remove(name: string): Promise<void> {
      const { flagName } = await findRow(name);
      await rows().delete({ where: { name } });
      await getService(strapi, 'shadow').forget(name);
      // The flag goes with the rule, so a rule created later under that name does not inherit its state.
      if (!(await rows().findOne({ where: { flagName } }))) {
        await getService(strapi, 'flags').removeLocalFlag(flagName);
      }
      await getService(strapi, 'changeChannel').changed('rules');
    },
  };
  return service;
};

export type RulesService = ReturnType<typeof createRulesService>;
export default createRulesService;
