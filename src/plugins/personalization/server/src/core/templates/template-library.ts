import type { TemplateSource } from './types';

/** Where partials come from: the template library, never the file system. */
export interface TemplateLibrary {
  /** The version of a template a partial reference resolves to (the latest one). */
  latest(name: string): TemplateSource | undefined;
  names(): string[];
}

/** An immutable in-memory library, built from the latest version of each stored template. */
export const createTemplateLibrary = (sources: Iterable<TemplateSource>): TemplateLibrary => {
  const byName = new Map<string, TemplateSource>();
  for (const source of sources) {
    const known = byName.get(source.name);
    if (!known || known.version < source.version) {
      byName.set(source.name, source);
    }
  }
  return {
    latest: (name) => byName.get(name),
    names: () => [...byName.keys()].sort(),
  };
};

/** The library as it would be with `source` saved: used to validate a change before storing it. */
export const withTemplate = (
  library: TemplateLibrary,
  source: TemplateSource
): TemplateLibrary => ({
  latest: (name) => (name === source.name ? source : library.latest(name)),
  names: () => [...new Set([...library.names(), source.name])].sort(),
});
