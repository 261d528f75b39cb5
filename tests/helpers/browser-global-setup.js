'use strict';

const fs = require('node:fs');
const path = require('node:path');
const compile = require('./global-setup');

const root = path.resolve(__dirname, '..', '..');

/** The browser suites need the compiled server and the built admin panel (`npm run build`). */
module.exports = async () => {
  await compile();
  if (!fs.existsSync(path.join(root, 'dist', 'build', 'index.html'))) {
    throw new Error(
      'the admin panel is not built: run `npm run build` before `npm run test:browser`'
    );
  }
};
