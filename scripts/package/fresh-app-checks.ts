/**
 * The HTTP checks `npm run test:package` runs against the fresh app: what an administrator, a rule
 * author's CI job and two readers do, through the public routes only.
 */
const NOTE = 'api::note.note';

export interface Session {
  base: string;
  /** The administrator's JWT, for admin routes. */
  admin: string;
  /** A full-access API token, for the content API and the plugin's management routes. */
  token: string;
}

type Log = (message: string) => void;

const call = async (
  session: Pick<Session, 'base'>,
  method: string,
  route: string,
  bearer: string | null,
  body?: unknown,
  headers: Record<string, string> = {}
): Promise<{ data?: unknown } & Record<string, unknown>> => {
  const answer = await fetch(`${session.base}${route}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  if (!answer.ok) throw new Error(`${method} ${route} answered ${answer.status}: ${text}`);
  return text ? (JSON.parse(text) as { data?: unknown }) : {};
};

export const signIn = async (
  base: string,
  credentials: { email: string; password: string }
): Promise<Session> => {
  const login = (await call({ base }, 'POST', '/admin/login', null, credentials)) as {
    data: { token: string };
  };
  const admin = login.data.token;
  const created = (await call({ base }, 'POST', '/admin/api-tokens', admin, {
    name: 'fresh-app-check',
    type: 'full-access',
    lifespan: null,
  })) as { data: { accessKey: string } };
  return { base, admin, token: created.data.accessKey };
};

const ARTICLE = {
  title: 'Kestrel Semiconductor opens a chip plant near Dresden',
  body:
    'Kestrel Semiconductor will build a chip plant near Dresden, Germany, the company said on ' +
    'Tuesday. Chief executive Maria Lindqvist said the plant would employ 2,000 people and supply ' +
    'carmakers across Europe. The European Commission approved state aid for the project.',
};

/** A saved note gets tags from the bundled models; returns the note's documentId. */
export const checkTagging = async (session: Session, log: Log): Promise<string> => {
  const created = (await call(session, 'POST', '/api/notes', session.token, {
    data: ARTICLE,
  })) as { data: { documentId: string } };
  const documentId = created.data.documentId;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const shown = (await call(
      session,
      'GET',
      `/personalization/tags/${NOTE}/${documentId}`,
      session.admin
    )) as { data: { state: string; tags: Array<{ label: string; type: string }> } };
    if (shown.data.state === 'tagged') {
      const labels = shown.data.tags.map((tag) => `${tag.label} (${tag.type})`);
      if (labels.length === 0) throw new Error('the note was tagged with no tags at all');
      log(`tagging: ${labels.length} tags: ${labels.join(', ')}`);
      return documentId;
    }
    if (Date.now() > deadline) throw new Error('the note was not tagged within 120 s');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
};

const management = (session: Session, method: string, route: string, body: unknown) =>
  call(session, method, `/api/personalization${route}`, session.token, body);

/** A variant behind a rule and its flag: a "pro" caller gets it, a "free" caller the base. */
export const checkDelivery = async (session: Session, baseId: string, log: Log): Promise<void> => {
  const variant = (await call(
    session,
    'POST',
    `/personalization/variants/${NOTE}/${baseId}`,
    session.admin,
    { key: 'premium' }
  )) as { data: { documentId: string } };
  const premiumTitle = `${ARTICLE.title} (premium)`;
  await call(session, 'PUT', `/api/notes/${variant.data.documentId}`, session.token, {
    data: { title: premiumTitle },
  });
  await management(session, 'POST', '/templates', {
    name: 'by-plan',
    body: "{% if visitor.traits.plan == 'pro' %}{% variant 'premium' %}{% endif %}",
    testCases: [{ name: 'a caller without context', expected: null }],
  });
  await management(session, 'POST', '/rules', {
    name: 'plan-premium',
    contentType: NOTE,
    template: 'by-plan',
    status: 'active',
  });
  await management(session, 'PUT', '/flags/personalization.plan-premium', { enabled: true });

  const titleFor = async (plan: string) => {
    const answer = (await call(session, 'GET', `/api/notes/${baseId}`, session.token, undefined, {
      'X-Visitor-Id': `reader-${plan}`,
      'X-Visitor-Traits': JSON.stringify({ plan }),
    })) as { data: { title: string; personalization?: { variant: string | null } } };
    return { title: answer.data.title, variant: answer.data.personalization?.variant ?? null };
  };
  const pro = await titleFor('pro');
  const free = await titleFor('free');
  if (pro.title !== premiumTitle || pro.variant !== 'premium') {
    throw new Error(`the pro reader got ${JSON.stringify(pro)}, not the premium variant`);
  }
  if (free.title !== ARTICLE.title || free.variant !== null) {
    throw new Error(`the free reader got ${JSON.stringify(free)}, not the base note`);
  }
  log(`delivery: pro reader → "${pro.title}", free reader → "${free.title}"`);
};
