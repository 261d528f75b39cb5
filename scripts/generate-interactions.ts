/**
 * npm run generate:interactions -- <out-dir> [--users 2000] [--items 10000] [--interactions 100000] [--seed 7]
 * Writes interactions.csv (user,item,timestamp,weight) and items.csv (item,tags) with planted
 * tastes: each item has a main topic (and sometimes a second), each user one or two favourite
 * topics; 80% of a user's reads come from their topics, 20% from the global popularity curve.
 * Within a topic, items follow a Zipf-like popularity, so most-popular is a fair baseline.
 */
import fs from 'node:fs';
import path from 'node:path';
import { seededRandom } from '../src/plugins/personalization/server/src/core/math/seeded-random';

const TOPICS = 20;
const DAY_MS = 86_400_000;

export interface GeneratorOptions {
  users: number;
  items: number;
  interactions: number;
  seed: number;
}

/** A Zipf-like pick of an index in [0, size): low indexes are picked most. */
const zipf = (random: () => number, size: number): number =>
  Math.min(size - 1, Math.floor(size * Math.pow(random(), 2.2)));

export const generateInteractions = (
  options: GeneratorOptions
): { interactions: string; items: string } => {
  const random = seededRandom(options.seed);
  const topicItems: number[][] = Array.from({ length: TOPICS }, () => []);
  const itemLines = ['item,tags'];
  for (let item = 0; item < options.items; item += 1) {
    const topic = item % TOPICS;
    topicItems[topic].push(item);
    const tags = [`topic-${topic}`];
    if (random() < 0.3) tags.push(`topic-${Math.floor(random() * TOPICS)}`);
    if (random() < 0.5) tags.push(`format-${Math.floor(random() * 4)}`);
    itemLines.push(`i${item},${[...new Set(tags)].join('|')}`);
  }
  const start = Date.UTC(2026, 8, 1);
  const lines = ['user,item,timestamp,weight'];
  const perUser = Math.max(1, Math.round(options.interactions / options.users));
  for (let user = 0; user < options.users; user += 1) {
    const tastes = [Math.floor(random() * TOPICS)];
    if (random() < 0.5) tastes.push(Math.floor(random() * TOPICS));
    const begin = start + random() * 60 * DAY_MS;
    for (let n = 0; n < perUser; n += 1) {
      const item =
        random() < 0.8
          ? (() => {
              const pool = topicItems[tastes[Math.floor(random() * tastes.length)]];
              return pool[zipf(random, pool.length)];
            })()
          : zipf(random, options.items);
      const time = Math.round(begin + (n / perUser) * 30 * DAY_MS + random() * DAY_MS);
      lines.push(`u${user},i${item},${new Date(time).toISOString()},${random() < 0.2 ? 2 : 1}`);
    }
  }
  return { interactions: `${lines.join('\n')}\n`, items: `${itemLines.join('\n')}\n` };
};

const option = (args: string[], name: string, fallback: number): number => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};

if (require.main === module) {
  const args = process.argv.slice(2);
  const out = args[0];
  if (!out || out.startsWith('--')) {
    console.error(
      'usage: npm run generate:interactions -- <out-dir> [--users n] [--items n] [--interactions n] [--seed n]'
    );
    process.exit(2);
  }
  const files = generateInteractions({
    users: option(args, 'users', 2000),
    items: option(args, 'items', 10_000),
    interactions: option(args, 'interactions', 100_000),
    seed: option(args, 'seed', 7),
  });
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'interactions.csv'), files.interactions);
  fs.writeFileSync(path.join(out, 'items.csv'), files.items);
  console.log(`wrote ${path.join(out, 'interactions.csv')} and items.csv`);
}
