'use strict';

// The server code is TypeScript compiled by `npm run build:plugin` (tsconfig.server.json) into dist/.
module.exports = require('./dist/server/src/index.js').default;
