'use strict';

// CI has no .env: give each test worker the secrets Strapi refuses to boot without.
const defaults = {
  NODE_ENV: 'test',
  APP_KEYS: 'test-key-1,test-key-2',
  API_TOKEN_SALT: 'test-api-token-salt',
  ADMIN_JWT_SECRET: 'test-admin-jwt-secret',
  TRANSFER_TOKEN_SALT: 'test-transfer-token-salt',
  JWT_SECRET: 'test-jwt-secret',
  ENCRYPTION_KEY: 'test-encryption-key',
  STRAPI_LOG_LEVEL: 'error',
  SERVE_ADMIN_PANEL: 'false',
  // Suites start without the demo's rules, segment and variants; the demo suite turns them on.
  SEED_DEMO_RULES: 'false',
  STRAPI_TELEMETRY_DISABLED: 'true',
  STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
};

for (const [name, value] of Object.entries(defaults)) {
  if (process.env[name] === undefined) {
    process.env[name] = value;
  }
}
