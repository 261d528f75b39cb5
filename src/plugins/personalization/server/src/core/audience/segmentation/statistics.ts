import type * as SimpleStatistics from 'simple-statistics' with { 'resolution-mode': 'import' };

// simple-statistics ships a CommonJS build (its "require" export) but one .d.ts in a
// "type": "module" package, which TypeScript reads as ESM-only and refuses to import from the
// CommonJS plugin (TS1479). Requiring it loads that CommonJS build; the types are its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const statistics = require('simple-statistics') as typeof SimpleStatistics;

export const { mean, silhouette, standardDeviation, zScore } = statistics;
