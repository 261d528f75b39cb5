export type Kind = 'list' | 'entry' | 'events' | 'admin-writes';

interface Request {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface KindSettings {
  connections: number;
  /** Requests per second over all connections of the kind; undefined: as fast as answered. */
  overallRate?: number;
  next(request: Request): Request;
}

const VISITORS = 1000;
const PLANS = ['free', 'free', 'pro'];
const COUNTRIES = ['DE', 'FR', 'US', 'BR', 'JP'];
const random = (below: number) => Math.floor(Math.random() * below);
const pick = <T>(items: readonly T[]): T => items[random(items.length)];

/** One of the 1,000 visitors, with the traits its site declares for it (always the same). */
const visitor = (index: number) => ({
  'X-Visitor-Id': `load-visitor-${index}`,
  'X-Visitor-Traits': JSON.stringify({
    plan: PLANS[index % PLANS.length],
    country: COUNTRIES[index % COUNTRIES.length],
    returning: index % 2 === 0,
  }),
});

/** Every load-test visitor consents to personalization and analytics, 25 at a time. */
const giveConsents = async (baseUrl: string): Promise<void> => {
  for (let start = 0; start < VISITORS; start += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, VISITORS - start) }, async (_, offset) => {
        const response = await fetch(`${baseUrl}/api/personalization/consent`, {
          method: 'PUT',
          headers: { ...visitor(start + offset), 'Content-Type': 'application/json' },
          body: JSON.stringify({ personalization: true, analytics: true }),
        });
        if (!response.ok) throw new Error(`consent: ${response.status} ${await response.text()}`);
      })
    );
  }
};

/**
 * The request mix: what each kind's next request is. Visitors give consent first (events need
 * analytics consent to be stored rather than dropped).
 */
export const mixFor = async (
  baseUrl: string,
  token: string
): Promise<Record<Kind, KindSettings>> => {
  const list = (await (
    await fetch(`${baseUrl}/api/articles?pagination[pageSize]=100&fields[0]=title`)
  ).json()) as { data: Array<{ documentId: string }> };
  const articles = list.data.map((entry) => entry.documentId);
  await giveConsents(baseUrl);

  let eventNumber = 0;
  let writeNumber = 0;
  const admin = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  return {
    list: {
      connections: 8,
      next: (request) => ({
        ...request,
        method: 'GET',
        path: `/api/articles?pagination[pageSize]=${pick([10, 25])}&pagination[page]=${pick([1, 1, 2])}`,
        headers: visitor(random(VISITORS)),
      }),
    },
    entry: {
      connections: 8,
      next: (request) => ({
        ...request,
        method: 'GET',
        path: `/api/articles/${pick(articles)}`,
        headers: visitor(random(VISITORS)),
      }),
    },
    events: {
      connections: 3,
      next: (request) => {
        const events = Array.from({ length: 1 + random(5) }, () => ({
          id: `load-${process.pid}-${(eventNumber += 1)}`,
          type: pick(['view', 'view', 'click']),
          entry: { uid: 'api::article.article', documentId: pick(articles) },
          timestamp: new Date().toISOString(),
          sessionId: 'load-session',
        }));
        return {
          ...request,
          method: 'POST',
          path: '/api/personalization/events',
          headers: { ...visitor(random(VISITORS)), 'Content-Type': 'application/json' },
          body: JSON.stringify({ events }),
        };
      },
    },
    'admin-writes': {
      connections: 1,
      overallRate: 2,
      next: (request) => {
        writeNumber += 1;
        // Every other write changes a rule, the rest change an article's content.
        return writeNumber % 2 === 0
          ? {
              ...request,
              method: 'PUT',
              path: '/api/personalization/rules/plan-premium',
              headers: admin,
              body: JSON.stringify({ priority: writeNumber % 10 }),
            }
          : {
              ...request,
              method: 'PUT',
              path: `/api/articles/${pick(articles)}`,
              headers: admin,
              body: JSON.stringify({
                data: { summary: `Edited during the load test (${writeNumber}).` },
              }),
            };
      },
    },
  };
};
