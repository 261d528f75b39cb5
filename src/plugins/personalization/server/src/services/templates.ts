import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Snapshot } from '../core/changes/change-registry';
import { errors } from '@strapi/utils';
import {
  bodyHash,
  checkTemplate,
  createSandbox,
  createTemplateLibrary,
  parameterDefaultProblems,
  partialReferences,
  runTestCases,
  withTemplate,
  type Sandbox,
  type TemplateLibrary,
  type TemplateProblem,
  type TemplateSource,
  type TemplateTestCase,
  type TestRun,
} from '../core/templates';
import { RULE_UID, TEMPLATE_UID, TEMPLATE_VERSION_UID } from '../records/uids';
import type { RuleRow, TemplateRow, TemplateVersionRow } from '../records/types';
import { getPluginConfig } from '../utils/get-plugin-config';
import { getService } from '../utils/get-service';
import type { CreateTemplateInput, UpdateTemplateInput } from '../validation/template-input';
import { templateProblemsError } from '../validation/template-problems';

/** A stored version as rules and partials use it, with its test cases and whether they passed. */
export interface LibraryVersion extends TemplateSource {
  hash: string;
  testsPassed: boolean;
  testCases: TemplateTestCase[];
}

interface Draft {
  name: string;
  description: string | null;
  body: string;
  parameters: TemplateSource['parameters'];
  testCases: TemplateTestCase[];
  documentation: string | null;
}

export interface ValidationReport {
  valid: boolean;
  problems: TemplateProblem[];
  tests: TestRun | null;
}

const draftFromInput = (input: CreateTemplateInput): Draft => ({
  name: input.name,
  description: input.description ?? null,
  body: input.body,
  parameters: input.parameters ?? [],
  testCases: input.testCases ?? [],
  documentation: input.documentation ?? null,
});

const versionKey = (name: string, version: number) => `${name}@${version}`;

const toSource = (row: TemplateVersionRow): LibraryVersion => ({
  name: row.templateName,
  version: row.version,
  body: row.body,
  parameters: row.parameters ?? [],
  hash: bodyHash(row.body),
  testsPassed: row.testsPassed,
  testCases: row.testCases ?? [],
});

const createTemplatesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const rulesConfig = getPluginConfig(strapi).rules;
  let library: TemplateLibrary = createTemplateLibrary([]);
  let versions = new Map<string, LibraryVersion>();
  let latestPassing = new Map<string, number>();
  let revision = '';

  const sandbox: Sandbox = createSandbox({
    library: () => library,
    limits: rulesConfig.sandbox,
    compiledCacheSize: rulesConfig.compiledCacheSize,
  });

  const templates = () => strapi.db.query(TEMPLATE_UID);
  const versionRows = () => strapi.db.query(TEMPLATE_VERSION_UID);

  const findRow = async (name: string): Promise<TemplateRow> => {
    const row = (await templates().findOne({ where: { name } })) as TemplateRow | null;
    if (!row) throw new errors.NotFoundError(`template "${name}" does not exist`);
    return row;
  };

  /** Problems that stop a draft from being stored, checked against the library as it would become. */
  const check = (
    draft: Draft,
    version: number
  ): { source: TemplateSource; problems: TemplateProblem[] } => {
    const source: TemplateSource = {
      name: draft.name,
      version,
      body: draft.body,
      parameters: draft.parameters,
    };
    const defaultProblems = parameterDefaultProblems(draft.parameters).map(
      (message): TemplateProblem => ({ message, line: null, column: null, template: draft.name })
    );
    const names = draft.parameters.map((parameter) => parameter.name);
    const duplicate = names.find((name, index) => names.indexOf(name) !== index);
    if (duplicate) {
      defaultProblems.push({
        message: `parameter "${duplicate}" is declared twice`,
        line: null,
        column: null,
        template: draft.name,
      });
    }
    const problems = [
      ...defaultProblems,
      ...checkTemplate(sandbox, source, withTemplate(library, source)),
    ];
    return { source, problems };
  };

  /** Test cases render against the library as it is now, within the request's render budget. */
  const test = (source: TemplateSource, testCases: readonly TemplateTestCase[]): TestRun =>
    runTestCases(
      sandbox,
      source,
      testCases,
      new Date(),
      getService(strapi, 'renderBudget').current()
    );

  /** Stores a new version of a draft (validated, tests run) and makes it the template's latest. */
  const storeVersion = async (draft: Draft, version: number, note: string | null) => {
    const { source, problems } = check(draft, version);
    if (problems.length > 0) throw templateProblemsError(draft.name, problems);
    const tests = test(source, draft.testCases);

    const fields = {
      description: draft.description,
      body: draft.body,
      parameters: draft.parameters,
      testCases: draft.testCases,
      documentation: draft.documentation,
    };
    await strapi.db.transaction(async () => {
      await versionRows().create({
        data: {
          templateName: draft.name,
          version,
          ...fields,
          testResults: tests,
          testsPassed: tests.passed,
          note,
        },
      });
      if (version === 1) {
        await templates().create({ data: { name: draft.name, ...fields, latestVersion: 1 } });
      } else {
        await templates().update({
          where: { name: draft.name },
          data: { ...fields, latestVersion: version },
        });
      }
    });
    await getService(strapi, 'changeChannel').changed('templates');
    return { template: await findRow(draft.name), version, tests };
  };

  const draftFromRow = (row: TemplateRow | TemplateVersionRow, name: string): Draft => ({
    name,
    description: row.description,
    body: row.body,
    parameters: row.parameters ?? [],
    testCases: row.testCases ?? [],
    documentation: row.documentation,
  });

  /** Reloads every stored version into memory; partials and rules render from this snapshot. */
  const loadLibrary = async (): Promise<void> => {
    const rows = (await versionRows().findMany({
      orderBy: { version: 'asc' },
    })) as TemplateVersionRow[];
    const nextVersions = new Map<string, LibraryVersion>();
    const nextPassing = new Map<string, number>();
    for (const row of rows) {
      const source = toSource(row);
      nextVersions.set(versionKey(source.name, source.version), source);
      // A version without test cases is untested, not passing: rules never render it unpinned.
      if (source.testsPassed && source.testCases.length > 0) {
        nextPassing.set(source.name, source.version);
      }
    }
    versions = nextVersions;
    latestPassing = nextPassing;
    library = createTemplateLibrary(nextVersions.values());
    // Content hashes, not names and version counters: a template deleted and created again
    // under its name must never match what was cached for the old one.
    revision = createHash('sha1')
      .update(
        JSON.stringify(
          [...nextVersions.values()].map((source) => [
            source.name,
            source.version,
            source.hash,
            source.parameters,
            source.testsPassed,
          ])
        )
      )
      .digest('base64url');
  };

  const service = {
    sandbox,

    /** The library in memory, reloaded through the change channel. */
    snapshot: { kind: 'templates', reload: loadLibrary } satisfies Snapshot,

    /** Changes whenever a version is added or removed; identical across instances. */
    revision: (): string => revision,

    library: (): TemplateLibrary => library,

    /** The version a rule renders: the pinned one, or the latest with test cases that all pass. */
    sourceFor(name: string, pinned: number | null): LibraryVersion | undefined {
      const version = pinned ?? latestPassing.get(name);
      return version === undefined ? undefined : versions.get(versionKey(name, version));
    },

    async list(): Promise<TemplateRow[]> {
      return (await templates().findMany({ orderBy: { name: 'asc' } })) as TemplateRow[];
    },

    get: findRow,

    /** Checks a draft without storing it: problems with line and column, and its test results. */
    validate(input: CreateTemplateInput): ValidationReport {
      const draft = draftFromInput(input);
      const { source, problems } = check(draft, (library.latest(input.name)?.version ?? 0) + 1);
      return {
        valid: problems.length === 0,
        problems,
        tests: problems.length === 0 ? test(source, draft.testCases) : null,
      };
    },

    async create(input: CreateTemplateInput) {
      if (await templates().findOne({ where: { name: input.name } })) {
        throw new errors.ValidationError(
          `template "${input.name}" already exists; update it instead`
        );
      }
      return storeVersion(draftFromInput(input), 1, 'created');
    },

    async update(name: string, input: UpdateTemplateInput) {
      const row = await findRow(name);
      const current = draftFromRow(row, name);
      const { note, ...changes } = input;
      const next: Draft = {
        ...current,
        ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
      };
      if (JSON.stringify(next) === JSON.stringify(current)) {
        throw new errors.ValidationError(`template "${name}" is unchanged; no version was made`);
      }
      return storeVersion(next, row.latestVersion + 1, note ?? null);
    },

    /** Makes an earlier version's content the latest again, recorded as a new version. */
    async rollback(name: string, toVersion: number) {
      const row = await findRow(name);
      const target = await service.version(name, toVersion);
      return storeVersion(
        draftFromRow(target, name),
        row.latestVersion + 1,
        `rollback to version ${toVersion}`
      );
    },

    async versions(name: string) {
      await findRow(name);
      const rows = (await versionRows().findMany({
        where: { templateName: name },
        orderBy: { version: 'desc' },
      })) as TemplateVersionRow[];
      return rows.map(({ version, note, testsPassed, createdAt }) => ({
        version,
        note,
        testsPassed,
        createdAt,
      }));
    },

    async version(name: string, version: number): Promise<TemplateVersionRow> {
      const row = (await versionRows().findOne({
        where: { templateName: name, version },
      })) as TemplateVersionRow | null;
      if (!row) throw new errors.NotFoundError(`template "${name}" has no version ${version}`);
      return row;
    },

    /**
     * Whether a version's test cases pass now, against the library as it is (a partial it renders
     * may have changed since the version was stored). Rule activation asks this.
     */
    passesTestsNow(source: LibraryVersion): boolean {
      return test(source, source.testCases).passed;
    },

    /** Runs a stored version's test cases again (the latest when no version is given). */
    async runTests(name: string, version?: number): Promise<{ version: number; tests: TestRun }> {
      const row = await findRow(name);
      const stored = await service.version(name, version ?? row.latestVersion);
      return { version: stored.version, tests: test(toSource(stored), stored.testCases ?? []) };
    },

    async remove(name: string) {
      await findRow(name);
      const rules = (await strapi.db
        .query(RULE_UID)
        .findMany({ where: { template: name } })) as RuleRow[];
      if (rules.length > 0) {
        throw new errors.ValidationError(
          `template "${name}" is used by rule(s) ${rules.map((rule) => rule.name).join(', ')}; delete or change them first`
        );
      }
      const dependents = library
        .names()
        .filter((other) => other !== name && usesPartial(other, name));
      if (dependents.length > 0) {
        throw new errors.ValidationError(
          `template "${name}" is rendered as a partial by ${dependents.join(', ')}`
        );
      }
      await strapi.db.transaction(async () => {
        await versionRows().deleteMany({ where: { templateName: name } });
        await templates().delete({ where: { name } });
      });
      await getService(strapi, 'changeChannel').changed('templates');
    },
  };

  /** True when the latest version of `template` renders `partial`. */
  const usesPartial = (template: string, partial: string): boolean => {
    const source = library.latest(template);
    if (!source) return false;
    try {
      return partialReferences(sandbox.compiled(source)).some(
        (reference) => reference.name === partial
      );
    } catch {
      return false;
    }
  };

  return service;
};

export type TemplatesService = ReturnType<typeof createTemplatesService>;
export default createTemplatesService;
