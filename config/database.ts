import path from 'node:path';
import type { Core } from '@strapi/strapi';

type EnvFn = Core.Config.Shared.ConfigParams['env'];

type Client = 'sqlite' | 'postgres';

const SUPPORTED: readonly Client[] = ['sqlite', 'postgres'];

export default ({ env }: { env: EnvFn }) => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  if (!SUPPORTED.includes(client as Client)) {
    throw new Error(`DATABASE_CLIENT must be one of ${SUPPORTED.join(', ')} (got "${client}")`);
  }

  if (client === 'postgres') {
    const url = env('DATABASE_URL', '');
    return {
      connection: {
        client: 'postgres',
        connection: url
          ? { connectionString: url, ssl: env.bool('DATABASE_SSL', false) }
          : {
              host: env('DATABASE_HOST', '127.0.0.1'),
              port: env.int('DATABASE_PORT', 5432),
              database: env('DATABASE_NAME', 'strapi'),
              user: env('DATABASE_USERNAME', 'postgres'),
              password: env('DATABASE_PASSWORD', ''),
              ssl: env.bool('DATABASE_SSL', false),
              schema: env('DATABASE_SCHEMA', 'public'),
            },
        pool: {
          min: env.int('DATABASE_POOL_MIN', 2),
          max: env.int('DATABASE_POOL_MAX', 10),
        },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      },
    };
  }

  return {
    connection: {
      client: 'sqlite',
      connection: {
        // Relative paths are resolved from the project root, never from dist/.
        filename: path.resolve(process.cwd(), env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      useNullAsDefault: true,
    },
  };
};
