import { toValueSync, type Template } from 'liquidjs';

export interface PartialReference {
  name: string;
  line: number;
  column: number;
}

/** Every `{% render %}` / `{% include %}` / `{% layout %}` in parsed templates, with its position. */
export const partialReferences = (templates: Template[]): PartialReference[] => {
  const found: PartialReference[] = [];
  const visit = (template: Template) => {
    const scope = template.partialScope?.();
    if (scope) {
      const [line, column] = template.token.getPosition();
      found.push({ name: scope.name, line, column });
    }
    if (template.children) {
      const children = toValueSync(template.children(false, true)) as Template[];
      children.forEach(visit);
    }
  };
  templates.forEach(visit);
  return found;
};

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
