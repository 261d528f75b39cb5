import fs from 'node:fs';
import path from 'node:path';

export const PLUGIN_ID = 'personalization';

interface PluginPackage {
  name: string;
  version: string;
}

interface PackageJson {
  version?: unknown;
  strapi?: { kind?: unknown; name?: unknown };
}

/** Finds the plugin's package.json from wherever this file runs (sources or dist/). */
const readPluginPackage = (): PluginPackage => {
  let directory = __dirname;
  for (;;) {
    const candidate = path.join(directory, 'package.json');
    if (fs.existsSync(candidate)) {
      // The npm package has its own name; the plugin is known by its `strapi.name`.
      const parsed = JSON.parse(fs.readFileSync(candidate, 'utf8')) as PackageJson;
      if (parsed.strapi?.name === PLUGIN_ID && typeof parsed.version === 'string') {
        return { name: PLUGIN_ID, version: parsed.version };
      }
    }
    const parent = path.dirname(directory);
    if (parent === directory) {
      throw new Error(`could not find the ${PLUGIN_ID} plugin's package.json above ${__dirname}`);
    }
    directory = parent;
  }
};

export const pluginPackage: PluginPackage = readPluginPackage();
