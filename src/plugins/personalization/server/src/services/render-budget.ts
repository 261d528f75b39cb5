import type { Core } from '@strapi/strapi';
import { createRenderBudget, type RenderBudget } from '../core/templates';
import { getPluginConfig } from '../utils/get-plugin-config';

/**
 * One render budget per HTTP request, whatever renders it (rules, merge fields, test cases, a
 * GraphQL query that lists several types): shared through the request's Koa context. Work outside
 * a request (boot, jobs) gets a budget per call.
 */
const createRenderBudgetService = ({ strapi }: { strapi: Core.Strapi }) => {
  const { renderBudgetMs } = getPluginConfig(strapi).rules;
  const byRequest = new WeakMap<object, RenderBudget>();

  return {
    current(): RenderBudget {
      const request = strapi.requestContext.get() as object | undefined;
      if (!request) return createRenderBudget(renderBudgetMs);
      let budget = byRequest.get(request);
      if (!budget) {
        budget = createRenderBudget(renderBudgetMs);
        byRequest.set(request, budget);
      }
      return budget;
    },
  };
};

export type RenderBudgetService = ReturnType<typeof createRenderBudgetService>;
export default createRenderBudgetService;
