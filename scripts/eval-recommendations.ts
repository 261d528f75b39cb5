/**
 * npm run eval:recommendations -- <interactions.csv> [--items items.csv] [--k 10]
 * npm run eval:recommendations -- --from-db [--uid api::article.article] [--k 10]
 *
 * interactions.csv: a header, then `user,item,timestamp[,weight]` (timestamp ISO 8601 or epoch ms).
 * items.csv: a header, then `item,tags` with tags separated by `|`.
 * Split: the last 20% of each user's interactions (by time) are held out. The plugin's ranker (the
 * same trainModel + recommend as the endpoint), most-popular and random are scored side by side.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as StrapiPackage from '@strapi/strapi';
import {
  evaluateRecommenders,
  type CatalogueItem,
  type EvaluationReport,
  type Interaction,
} from '../src/plugins/personalization/server/src/core/recommendations';

export const parseInteractions = (text: string): Interaction[] => {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines.slice(1).map((line, index) => {
    const [user, item, timestamp, weight] = line.split(',').map((cell) => cell.trim());
    const time = /^\d+$/.test(timestamp ?? '') ? Number(timestamp) : Date.parse(timestamp ?? '');
    if (!user || !item || !Number.isFinite(time)) {
      throw new Error(`interactions line ${index + 2}: expected user,item,timestamp[,weight]`);
    }
    const parsedWeight = weight === undefined || weight === '' ? 1 : Number(weight);
    if (!Number.isFinite(parsedWeight))
      throw new Error(`interactions line ${index + 2}: bad weight`);
    return { user, item, time, weight: parsedWeight };
  });
};

export const parseItems = (text: string): CatalogueItem[] =>
  text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(1)
    .map((line) => {
      const [id, tags = ''] = line.split(',').map((cell) => cell.trim());
      return {
        id,
        tags: tags
          .split('|')
          .map((tag) => tag.trim().toLowerCase())
          .filter(Boolean),
      };
    });

const fixed = (value: number, digits = 4): string => value.toFixed(digits).padStart(9);

export const formatReport = (report: EvaluationReport): string => {
  const k = report.k;
  const header = [
    'method'.padEnd(13),
    `P@${k}`.padStart(9),
    `R@${k}`.padStart(9),
    `nDCG@${k}`.padStart(9),
    'MAP'.padStart(9),
    'coverage'.padStart(9),
    'gini'.padStart(9),
    'pop(rec)'.padStart(9),
    'pop(held)'.padStart(9),
  ].join(' ');
  const rows = report.methods.map((method) =>
    [
      method.name.padEnd(13),
      fixed(method.precision),
      fixed(method.recall),
      fixed(method.ndcg),
      fixed(method.map),
      fixed(method.coverage),
      fixed(method.gini),
      fixed(method.meanPopularityRecommended, 1),
      fixed(method.meanPopularityHeldOut, 1),
    ].join(' ')
  );
  return [
    `${report.users} users evaluated, ${report.items} items, ${report.train} training / ${report.heldOut} held-out interactions (last 20% per user)`,
    header,
    ...rows,
    `train ${report.milliseconds.train.toFixed(0)} ms, rank + score ${report.milliseconds.rank.toFixed(0)} ms`,
  ].join('\n');
};

const option = (args: string[], name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};

/**
 * The plugin's own logged events and catalogue, read from the app's database (config/database.ts:
 * DATABASE_CLIENT, DATABASE_FILENAME or DATABASE_URL; SQLite .tmp/data.db by default) by a Strapi
 * loaded from dist/. Read only: no cron, no tagging, no demo seeding.
 */
const fromDatabase = async (
  uid: string
): Promise<{ catalogue: CatalogueItem[]; interactions: Interaction[] }> => {
  Object.assign(process.env, {
    CRON_ENABLED: 'false',
    PERSONALIZATION_TAGGING_ENABLED: 'false',
    SEED_DEMO_CONTENT: 'false',
    SEED_DEMO_RULES: 'false',
    STRAPI_LOG_LEVEL: process.env.STRAPI_LOG_LEVEL ?? 'error',
    STRAPI_TELEMETRY_DISABLED: 'true',
  });
  // Loaded only for --from-db (it is slow to load), and through require: import() would take
  // Strapi's ESM build, which Node cannot resolve (directory imports of lodash/fp).
  const { createStrapi } = createRequire(__filename)('@strapi/strapi') as typeof StrapiPackage;
  const root = path.resolve(__dirname, '..');
  const strapi = createStrapi({ appDir: root, distDir: path.join(root, 'dist') });
  await strapi.load();
  try {
    const service = strapi.plugin('personalization').service('recommendations') as {
      evaluationData(
        uid: string
      ): Promise<{ catalogue: CatalogueItem[]; interactions: Interaction[] }>;
    };
    const data = await service.evaluationData(uid);
    const users = new Set(data.interactions.map((interaction) => interaction.user)).size;
    console.log(
      `${uid}: ${data.interactions.length} logged engagement events of ${users} callers, ${data.catalogue.length} published entries`
    );
    return data;
  } finally {
    await strapi.destroy();
  }
};

const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  const k = Number(option(args, 'k') ?? 10);
  if (!Number.isInteger(k) || k < 1) throw new Error('--k must be a positive integer');
  let catalogue: CatalogueItem[];
  let interactions: Interaction[];
  const started = performance.now();
  if (args.includes('--from-db')) {
    ({ catalogue, interactions } = await fromDatabase(
      option(args, 'uid') ?? 'api::article.article'
    ));
  } else {
    const file = args[0];
    if (!file || file.startsWith('--')) {
      throw new Error(
        'usage: npm run eval:recommendations -- <interactions.csv> [--items items.csv] [--k 10] | --from-db [--uid <uid>]'
      );
    }
    interactions = parseInteractions(fs.readFileSync(file, 'utf8'));
    const itemsFile = option(args, 'items');
    catalogue = itemsFile
      ? parseItems(fs.readFileSync(itemsFile, 'utf8'))
      : [...new Set(interactions.map((interaction) => interaction.item))].map((id) => ({
          id,
          tags: [],
        }));
  }
  const report = evaluateRecommenders(catalogue, interactions, { k });
  console.log(formatReport(report));
  console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s (reading included)`);
};

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
