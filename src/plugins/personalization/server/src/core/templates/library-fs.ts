import type { FS } from 'liquidjs';
import type { TemplateLibrary } from './template-library';

const VERSION_SEPARATOR = '@';

/** `name@version`: partial cache keys change when a partial gets a new version. */
export const partialKey = (name: string, version: number): string =>
  `${name}${VERSION_SEPARATOR}${version}`;

const nameOf = (key: string): string => key.slice(0, key.lastIndexOf(VERSION_SEPARATOR));

/**
 * A liquidjs file system whose only files are the library's templates: `{% render 'name' %}`
 * resolves to the latest version of the template called `name`, and nothing else can be read.
 */
export const createLibraryFs = (library: () => TemplateLibrary): FS => {
  const resolveKey = (file: string): string => {
    const source = library().latest(file);
    return source ? partialKey(source.name, source.version) : partialKey(file, 0);
  };
  const read = (key: string): string => {
    const source = library().latest(nameOf(key));
    if (!source || partialKey(source.name, source.version) !== key) {
      throw new Error(
        `unknown partial "${nameOf(key)}": only templates of the library can be rendered`
      );
    }
    return source.body;
  };
  const exists = (key: string): boolean => {
    const source = library().latest(nameOf(key));
    return source !== undefined && partialKey(source.name, source.version) === key;
  };
  return {
    resolve: (_dir, file) => resolveKey(file),
    readFileSync: read,
    readFile: async (key) => read(key),
    existsSync: exists,
    exists: async (key) => exists(key),
    contains: async () => true,
    containsSync: () => true,
    dirname: () => '',
    sep: '/',
  };
};
