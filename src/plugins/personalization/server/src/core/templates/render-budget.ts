/**
 * The rendering time one request may spend, over all its templates, partials, merge fields and
 * test cases together. Each render is bounded by what is left, so a request never holds the
 * event loop longer than the budget however many renders it asks for.
 */
export interface RenderBudget {
  readonly totalMs: number;
  remainingMs(): number;
  spend(ms: number): void;
}

export const createRenderBudget = (totalMs: number): RenderBudget => {
  let spent = 0;
  return {
    totalMs,
    remainingMs: () => Math.max(0, totalMs - spent),
    spend(ms) {
      spent += ms;
    },
  };
};
