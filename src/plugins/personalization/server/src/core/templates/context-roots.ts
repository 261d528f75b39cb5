/** The names every template can read (see docs/templates.md). */
export const CONTEXT_ROOTS = [
  'user',
  'visitor',
  'segments',
  'request',
  'entry',
  'params',
  'variants',
  'flag',
] as const;

export type ContextRoot = (typeof CONTEXT_ROOTS)[number];

export const isContextRoot = (name: string): name is ContextRoot =>
  (CONTEXT_ROOTS as readonly string[]).includes(name);
