import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../plugin-info';
import { getService } from '../utils/get-service';

interface TimedContext {
  method: string;
  status: number;
  /** @koa/router's template of the matched route ("/api/articles/:id"), never the ids in it. */
  _matchedRoute?: string | RegExp;
  state: { route?: { handler?: unknown; info?: { type?: string; pluginName?: string } } };
}

/** The content type a core content-API handler ("api::article.article.find") serves. */
const handlerType = (handler: unknown): string | null =>
  typeof handler === 'string' && handler.startsWith('api::')
    ? handler.split('.').slice(0, 2).join('.')
    : null;

/**
 * Times the answers of the plugin's routes and of the content API of opted-in types, labelled by
 * route template. Registered as the outermost Koa middleware, so the time includes Strapi's own.
 */
export const registerHttpMetrics = (strapi: Core.Strapi): void => {
  strapi.server.use(async (ctx: TimedContext, next: () => Promise<unknown>) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const route = ctx.state.route;
      const template = typeof ctx._matchedRoute === 'string' ? ctx._matchedRoute : null;
      const type = handlerType(route?.handler);
      const ours =
        route?.info?.pluginName === PLUGIN_ID ||
        (route?.info?.type === 'content-api' &&
          type !== null &&
          getService(strapi, 'optIns').get(type) !== undefined);
      if (template && ours) {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        getService(strapi, 'metrics').observeHttp(ctx.method, template, ctx.status, seconds);
      }
    }
  });
};
