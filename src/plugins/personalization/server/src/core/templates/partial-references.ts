import { toValueSync, type Template } from 'liquidjs';

export interface PartialReference {
  name: string;
  line: number;
  column: number;
}

const PARTIAL_TAGS = new Set(['render', 'include', 'layout']);

/** Visits every parsed template, nested blocks included (partials are not followed). */
const walk = (templates: Template[], visit: (template: Template) => void): void => {
  const visitAll = (template: Template) => {
    visit(template);
    if (template.children) {
      (toValueSync(template.children(false, true)) as Template[]).forEach(visitAll);
    }
  };
  templates.forEach(visitAll);
};

/** Every `{% render %}` / `{% include %}` / `{% layout %}` in parsed templates, with its position. */
export const partialReferences = (templates: Template[]): PartialReference[] => {
  const found: PartialReference[] = [];
  walk(templates, (template) => {
    const scope = template.partialScope?.();
    if (scope) {
      const [line, column] = template.token.getPosition();
      found.push({ name: scope.name, line, column });
    }
  });
  return found;
};

export interface DynamicPartial {
  tag: string;
  line: number;
  column: number;
}

/**
 * Partial tags whose name is computed at render time (`{% render params.p %}`, `'a-{{ x }}'`).
 * They are refused: what such a partial reads, and whether it exists or forms a cycle, cannot be
 * known when the template is saved, so decisions could not be cached or checked safely.
 */
export const dynamicPartials = (templates: Template[]): DynamicPartial[] => {
  const found: DynamicPartial[] = [];
  walk(templates, (template) => {
    const token = template.token as { name?: unknown };
    if (typeof token.name !== 'string' || !PARTIAL_TAGS.has(token.name)) return;
    // liquidjs keeps a literal name as a string; `none` (no layout) as undefined.
    const file = (template as { file?: unknown }).file;
    if (file === undefined || typeof file === 'string') return;
    const [line, column] = template.token.getPosition();
    found.push({ tag: token.name, line, column });
  });
  return found;
};

export const dynamicPartialMessage = (tag: string): string =>
  `the partial name of {% ${tag} %} must be a literal string such as '${tag === 'layout' ? 'page' : 'card'}', not a variable or an expression`;

/** The first cycle of partial references reachable from `start`, as a path of names, or null. */
export const findPartialCycle = (
  start: string,
  referencesOf: (name: string) => string[]
): string[] | null => {
  const path: string[] = [];
  const done = new Set<string>();
  const walk = (name: string): string[] | null => {
    const index = path.indexOf(name);
    if (index !== -1) {
      return [...path.slice(index), name];
    }
    if (done.has(name)) {
      return null;
    }
    path.push(name);
    for (const next of referencesOf(name)) {
      const cycle = walk(next);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(name);
    return null;
  };
  return walk(start);
};
