import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import {
  entryParamsSchema,
  localeQuerySchema,
  parseOrThrow,
  relatedQuerySchema,
  tagBodySchema,
} from './tagging-validation';

interface Ctx {
  params: unknown;
  query: unknown;
  request: { body?: unknown };
  body: unknown;
  status: number;
}

const entry = (ctx: Ctx) => {
  const { uid, documentId } = parseOrThrow(entryParamsSchema, ctx.params, 'path');
  const { locale } = parseOrThrow(localeQuerySchema, ctx.query, 'query');
  return { uid, documentId, locale: locale ?? null };
};

const createTagsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const decide = async (ctx: Ctx, status: 'accepted' | 'rejected') => {
    const { uid, documentId, locale } = entry(ctx);
    const { data } = parseOrThrow(tagBodySchema, ctx.request.body, 'body');
    ctx.body = {
      data: await getService(strapi, 'tags').decide(uid, documentId, locale, data, status),
    };
  };

  return {
    async show(ctx: Ctx) {
      const { uid, documentId, locale } = entry(ctx);
      ctx.body = { data: await getService(strapi, 'tags').show(uid, documentId, locale) };
    },

    async add(ctx: Ctx) {
      const { uid, documentId, locale } = entry(ctx);
      const { data } = parseOrThrow(tagBodySchema, ctx.request.body, 'body');
      ctx.status = 201;
      ctx.body = { data: await getService(strapi, 'tags').add(uid, documentId, locale, data) };
    },

    accept: (ctx: Ctx) => decide(ctx, 'accepted'),
    reject: (ctx: Ctx) => decide(ctx, 'rejected'),

    async related(ctx: Ctx) {
      const { uid, documentId } = parseOrThrow(entryParamsSchema, ctx.params, 'path');
      const { locale, limit } = parseOrThrow(relatedQuerySchema, ctx.query, 'query');
      ctx.body = {
        data: await getService(strapi, 'related').find(uid, documentId, locale ?? null, limit),
      };
    },
  };
};

export default createTagsController;
