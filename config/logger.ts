import { formats, winston } from '@strapi/logger';

// STRAPI_LOG_LEVEL lets tests and benchmarks quieten the server without touching code.
const level = process.env.STRAPI_LOG_LEVEL ?? 'http';

export default {
  level,
  format: formats.prettyPrint({ timestamps: 'YYYY-MM-DD HH:mm:ss.SSS' }),
  transports: [new winston.transports.Console({ level })],
};
