import type { FS } from 'liquidjs';
import { sourceHash } from './source-hash';
import type { TemplateLibrary } from './template-library';

const HASH_SEPARATOR = '#';

/**
 * `name#contenthash`: liquidjs caches parsed partials under the resolved key, so a partial that
 * is updated, or deleted and created again, never renders from an older body.
 */
export const partialKey = (name: string, hash: string): string => `${name}${HASH_SEPARATOR}${hash}`;

const nameOf = (key: string): string => key.slice(0, key.lastIndexOf(HASH_SEPARATOR));

/**
 * A liquidjs file system whose only files are the library's templates: `{% render 'name' %}`
 * resolves to the latest version of the template called `name`, and nothing else can be read.
 */
export const createLibraryFs = (library: () => TemplateLibrary): FS => {
  const current = (key: string) => {
    const source = library().latest(nameOf(key));
    return source && partialKey(source.name, sourceHash(source)) === key ? source : undefined;
  };
  const read = (key: string): string => {
    const source = current(key);
    if (!source) {
      throw new Error(
        `unknown partial "${nameOf(key)}": only templates of the library can be rendered`
      );
    }
    return source.body;
  };
  return {
    resolve: (_dir, file) => {
      const source = library().latest(file);
      return partialKey(file, source ? sourceHash(source) : 'missing');
    },
    readFileSync: read,
    readFile: async (key) => read(key),
    existsSync: (key) => current(key) !== undefined,
    exists: async (key) => current(key) !== undefined,
    contains: async () => true,
    containsSync: () => true,
    dirname: () => '',
    sep: '/',
  };
};
