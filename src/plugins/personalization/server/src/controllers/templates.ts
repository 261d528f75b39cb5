import type { Core } from '@strapi/strapi';
import type {
  TemplateRecord,
  TemplateVersionRecord,
  TemplateVersionSummary,
  TestRun,
  ValidationReport,
} from '../../../shared/contracts/templates';
import { errors } from '@strapi/utils';
import { getService } from '../utils/get-service';
import { parseBody } from '../validation/common';
import {
  createTemplateSchema,
  rollbackSchema,
  runTestsSchema,
  updateTemplateSchema,
} from '../validation/template-input';
import type { RequestContext } from './request-context';

const versionParam = (ctx: RequestContext): number => {
  const version = Number(ctx.params.version);
  if (!Number.isInteger(version) || version < 1) {
    throw new errors.ValidationError('version must be a positive integer');
  }
  return version;
};

const createTemplatesController = ({ strapi }: { strapi: Core.Strapi }) => {
  const templates = () => getService(strapi, 'templates');
  return {
    async find(ctx: RequestContext) {
      ctx.body = { data: (await templates().list()) satisfies TemplateRecord[] };
    },
    async findOne(ctx: RequestContext) {
      ctx.body = { data: (await templates().get(ctx.params.name)) satisfies TemplateRecord };
    },
    async create(ctx: RequestContext) {
      const input = parseBody(createTemplateSchema, ctx.request.body);
      const { template, version, tests } = await templates().create(input);
      ctx.status = 201;
      ctx.body = { data: template, meta: { version, tests } };
    },
    async update(ctx: RequestContext) {
      const input = parseBody(updateTemplateSchema, ctx.request.body);
      const { template, version, tests } = await templates().update(ctx.params.name, input);
      ctx.body = { data: template, meta: { version, tests } };
    },
    async delete(ctx: RequestContext) {
      await templates().remove(ctx.params.name);
      ctx.status = 204;
    },
    async validate(ctx: RequestContext) {
      const report = templates().validate(parseBody(createTemplateSchema, ctx.request.body));
      ctx.body = { data: report satisfies ValidationReport };
    },
    async versions(ctx: RequestContext) {
      ctx.body = {
        data: (await templates().versions(ctx.params.name)) satisfies TemplateVersionSummary[],
      };
    },
    async version(ctx: RequestContext) {
      const stored = await templates().version(ctx.params.name, versionParam(ctx));
      ctx.body = { data: stored satisfies TemplateVersionRecord };
    },
    async rollback(ctx: RequestContext) {
      const { version: target } = parseBody(rollbackSchema, ctx.request.body);
      const { template, version, tests } = await templates().rollback(ctx.params.name, target);
      ctx.body = { data: template, meta: { version, tests } };
    },
    async test(ctx: RequestContext) {
      const { version } = parseBody(runTestsSchema, ctx.request.body ?? {});
      const run = await templates().runTests(ctx.params.name, version);
      ctx.body = { data: run satisfies { version: number; tests: TestRun } };
    },
  };
};

export default createTemplatesController;
