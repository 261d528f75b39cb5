import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './strapi';

export interface FixtureApp {
  appDir: string;
  /** Edits a JSON file of the fixture's compiled app, e.g. a content-type schema. */
  editJson(relativePath: string, edit: (json: Record<string, unknown>) => void): void;
  /** Replaces a compiled file of the fixture (e.g. dist/config/plugins.js). */
  writeFile(relativePath: string, contents: string): void;
  remove(): void;
}

/**
 * A throw-away copy of the compiled application that a test may break (a wrong opt-in, a bad
 * plugin config) without touching the real one. Dependencies and the plugin are linked, not copied.
 */
export const createFixtureApp = (): FixtureApp => {
  const appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pz-fixture-app-'));
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(appDir, 'package.json'));
  fs.cpSync(path.join(ROOT, 'dist'), path.join(appDir, 'dist'), {
    recursive: true,
    filter: (source) => !source.endsWith('.tsbuildinfo'),
  });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(appDir, 'node_modules'), 'dir');
  fs.mkdirSync(path.join(appDir, 'src', 'plugins'), { recursive: true });
  fs.symlinkSync(
    path.join(ROOT, 'src', 'plugins', 'personalization'),
    path.join(appDir, 'src', 'plugins', 'personalization'),
    'dir'
  );
  fs.mkdirSync(path.join(appDir, 'database'), { recursive: true });
  // The plugin's audience tables come from the app's migrations (Strapi reads them from appDir).
  fs.symlinkSync(
    path.join(ROOT, 'database', 'migrations'),
    path.join(appDir, 'database', 'migrations'),
    'dir'
  );
  fs.mkdirSync(path.join(appDir, 'public', 'uploads'), { recursive: true });

  return {
    appDir,
    editJson(relativePath, edit) {
      const file = path.join(appDir, relativePath);
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      edit(json);
      fs.writeFileSync(file, JSON.stringify(json, null, 2));
    },
    writeFile(relativePath, contents) {
      fs.writeFileSync(path.join(appDir, relativePath), contents);
    },
    remove() {
      fs.rmSync(appDir, { recursive: true, force: true });
    },
  };
};
