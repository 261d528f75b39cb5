import type { Core } from '@strapi/strapi';

type EnvFn = Core.Config.Shared.ConfigParams['env'];

export default ({ env }: { env: EnvFn }) => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
    },
  },
  personalization: {
    enabled: env.bool('PERSONALIZATION_ENABLED', true),
    resolve: './src/plugins/personalization',
    config: {
      delivery: {
        enabled: env.bool('PERSONALIZATION_DELIVERY_ENABLED', true),
      },
    },
  },
});
