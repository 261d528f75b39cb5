import type { Core } from '@strapi/strapi';

type EnvFn = Core.Config.Shared.ConfigParams['env'];

export default ({ env }: { env: EnvFn }) => ({
  // Bind to loopback unless the operator says otherwise: a fresh install must not listen on the network.
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  app: {
    keys: env.array('APP_KEYS'),
  },
  // The personalization plugin's daily jobs (event retention, profile clustering) run on Strapi's cron.
  cron: {
    enabled: env.bool('CRON_ENABLED', true),
  },
});
