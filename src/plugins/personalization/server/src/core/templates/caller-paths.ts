import type { Template } from 'liquidjs';
import type { Sandbox } from './sandbox';
import type { TemplateSource } from './types';

/** The context roots that describe the caller (the rest is the entry, the rule or the flag). */
const CALLER_ROOTS = new Set(['user', 'visitor', 'segments', 'request']);

/**
 * The caller paths a parsed template reads, partials included (e.g. `visitor.traits.plan`,
 * `user.authenticated`, `segments`). A dynamic segment (`visitor.traits[name]`) stops the path
 * there, so its whole parent is read. Decisions are cached by the values at these paths only.
 */
export const callerPathsRead = (sandbox: Sandbox, templates: Template[]): string[] => {
  const analysis = sandbox.engine.analyzeSync(templates, { partials: true });
  const paths = new Set<string>();
  for (const [root, occurrences] of Object.entries(analysis.globals)) {
    if (!CALLER_ROOTS.has(root)) continue;
    for (const variable of occurrences) {
      const segments: string[] = [];
      for (const segment of variable.segments) {
        if (typeof segment !== 'string' && typeof segment !== 'number') break;
        segments.push(String(segment));
      }
      paths.add(segments.join('.'));
    }
  }
  return [...paths].sort();
};

/** The value at a dotted path of a plain object, or undefined. */
export const valueAt = (source: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (value, segment) =>
        value !== null &&
        typeof value === 'object' &&
        Object.prototype.hasOwnProperty.call(value, segment)
          ? (value as Record<string, unknown>)[segment]
          : undefined,
      source
    );

/** Every caller root: what a template that cannot be analysed is taken to read. */
const WHOLE_CALLER = [...CALLER_ROOTS].sort();

/**
 * The caller paths a set of templates read together (the rules of one content type): decisions
 * are cached by the values at these paths. A template that cannot be analysed reads everything.
 */
export const callerPathsOfSources = (
  sandbox: Sandbox,
  sources: ReadonlyArray<TemplateSource | undefined>
): string[] => {
  const paths = new Set<string>();
  for (const source of sources) {
    if (!source) continue;
    try {
      callerPathsRead(sandbox, sandbox.compiled(source)).forEach((path) => paths.add(path));
    } catch {
      WHOLE_CALLER.forEach((path) => paths.add(path));
    }
  }
  return [...paths].sort();
};
