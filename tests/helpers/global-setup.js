'use strict';

const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const tsc = path.join(root, 'node_modules', '.bin', 'tsc');

/** The API suites boot Strapi from compiled output, so compile the app and the plugin first. */
module.exports = async () => {
  for (const project of ['tsconfig.json', 'src/plugins/personalization/tsconfig.server.json']) {
    execFileSync(tsc, ['-p', project], { cwd: root, stdio: 'inherit' });
  }
};
