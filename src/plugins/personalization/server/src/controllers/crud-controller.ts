import type { z } from 'zod';
import { parseBody } from '../validation/common';
import type { RequestContext } from './request-context';

/** A service of named records (rules, local flags) that the generic controller can drive. */
export interface NamedRecordService<Create, Update> {
  list(): Promise<unknown>;
  get(name: string): Promise<unknown>;
  create(input: Create): Promise<unknown>;
  update(name: string, input: Update): Promise<unknown>;
  remove(name: string): Promise<void>;
}

/** find / findOne / create / update / delete of records addressed by `:name`, bodies checked by zod. */
export const crudController = <Create, Update>(
  service: () => NamedRecordService<Create, Update>,
  schemas: { create: z.ZodType<Create>; update: z.ZodType<Update> },
  listMeta: () => Record<string, unknown> = () => ({})
) => ({
  async find(ctx: RequestContext) {
    ctx.body = { data: await service().list(), meta: listMeta() };
  },
  async findOne(ctx: RequestContext) {
    ctx.body = { data: await service().get(ctx.params.name) };
  },
  async create(ctx: RequestContext) {
    const created = await service().create(parseBody(schemas.create, ctx.request.body));
    ctx.status = 201;
    ctx.body = { data: created };
  },
  async update(ctx: RequestContext) {
    ctx.body = {
      data: await service().update(ctx.params.name, parseBody(schemas.update, ctx.request.body)),
    };
  },
  async delete(ctx: RequestContext) {
    await service().remove(ctx.params.name);
    ctx.status = 204;
  },
});
