'use strict';

/*
 * The demo page: three visitors ask the public REST API for the same promotions and articles with
 * their own caller headers, side by side. Only public endpoints are used: the content API and the
 * caller's own audience routes (consent, events, me).
 */
(() => {
  const API = '/api';
  const PAGE_SIZE = 100;
  const SESSION_KEY = 'personalization-demo-run';

  const VISITORS = [
    {
      slot: 'private',
      name: 'Private reader',
      about: 'Declined personalization (consent: personalization off). Always base content.',
      traits: null,
      consent: { personalization: false, analytics: false },
    },
    {
      slot: 'premium',
      name: 'Premium member',
      about: 'Declares X-Visitor-Traits {"plan":"premium"}; has read two travel articles.',
      traits: { plan: 'premium' },
      consent: { personalization: true, analytics: true },
      history: { category: 'travel', count: 2 },
    },
    {
      slot: 'sports',
      name: 'Sports reader',
      about: 'No traits. Consents to analytics; press the button to read three sports articles.',
      traits: null,
      consent: { personalization: true, analytics: true },
      reads: { category: 'sports', count: 3 },
    },
  ];

  const status = document.getElementById('status');
  const columns = document.getElementById('columns');

  /** A run id per browser tab, so each tab's visitors start with their own history. */
  const runId = () => {
    let id = sessionStorage.getItem(SESSION_KEY);
    if (!id) {
      id = Math.random().toString(36).slice(2, 10);
      sessionStorage.setItem(SESSION_KEY, id);
    }
    return id;
  };

  const visitorId = (visitor) => `demo-${visitor.slot}-${runId()}`;

  const headersFor = (visitor) => {
    const headers = { 'X-Visitor-Id': visitorId(visitor), 'Content-Type': 'application/json' };
    if (visitor.traits) headers['X-Visitor-Traits'] = JSON.stringify(visitor.traits);
    return headers;
  };

  const call = async (visitor, method, path, body) => {
    const response = await fetch(`${API}${path}`, {
      method,
      headers: visitor ? headersFor(visitor) : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error(`${method} ${path}: ${response.status} ${json?.error?.message ?? ''}`);
    }
    return json;
  };

  const articlesOf = async (category, count) => {
    const query = `filters[category][$eq]=${category}&fields[0]=title&pagination[pageSize]=${count}&sort=title`;
    return (await call(null, 'GET', `/articles?${query}`)).data.map((entry) => entry.documentId);
  };

  const viewEvents = (documentIds, prefix) => {
    const now = new Date().toISOString();
    return documentIds.map((documentId, index) => ({
      id: `${prefix}-${index}`,
      type: 'dwell',
      value: 90_000,
      entry: { uid: 'api::article.article', documentId },
      timestamp: now,
      sessionId: `demo-${runId()}`,
    }));
  };

  const element = (tag, attributes = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    for (const child of children) node.append(child);
    return node;
  };

  const entryList = (entries) =>
    element(
      'ul',
      { class: 'entries' },
      ...entries.map((entry) => {
        const info = entry.personalization ?? { reason: 'none', variant: null };
        const label = info.variant ? `${info.reason} · ${info.variant}` : info.reason;
        return element(
          'li',
          {
            class: info.variant ? 'variant' : '',
            'data-document-id': entry.documentId,
            'data-reason': info.reason,
            'data-variant': info.variant ?? '',
          },
          element('span', { class: 'title' }, entry.title),
          element('span', { class: `badge ${info.reason}` }, label)
        );
      })
    );

  const profileLine = (me) => {
    const profile = me.data.profile;
    const segments = me.data.segments.length ? me.data.segments.join(', ') : 'none';
    if (!profile) return `No profile yet · segments: ${segments}`;
    const tags = profile.topTags.length ? profile.topTags.join(', ') : 'none';
    return `${profile.events} reading events · top tags: ${tags} · segments: ${segments}`;
  };

  const render = async (visitor, column) => {
    const [promotions, articles, me] = await Promise.all([
      call(visitor, 'GET', `/promotions?fields[0]=title&pagination[pageSize]=${PAGE_SIZE}`),
      call(
        visitor,
        'GET',
        `/articles?fields[0]=title&pagination[pageSize]=${PAGE_SIZE}&sort=title`
      ),
      call(visitor, 'GET', '/personalization/me'),
    ]);
    column.querySelector('.profile').textContent = profileLine(me);
    column.querySelector('.promotions').replaceChildren(entryList(promotions.data));
    column.querySelector('.articles').replaceChildren(entryList(articles.data));
  };

  const readArticles = async (visitor, column, button) => {
    button.disabled = true;
    status.textContent = `${visitor.name} is reading…`;
    try {
      const ids = await articlesOf(visitor.reads.category, visitor.reads.count);
      const result = await call(visitor, 'POST', '/personalization/events', {
        events: viewEvents(ids, `read-${Date.now()}`),
      });
      status.textContent = `${visitor.name}: ${result.data.accepted} reading events stored`;
      await render(visitor, column);
    } catch (error) {
      status.textContent = String(error.message ?? error);
    } finally {
      button.disabled = false;
    }
  };

  const column = (visitor) => {
    const node = element(
      'section',
      { class: 'visitor', 'data-visitor': visitor.slot },
      element('h2', {}, visitor.name),
      element('p', { class: 'who' }, `${visitor.about} (X-Visitor-Id: ${visitorId(visitor)})`),
      element('div', { class: 'profile' }, '…'),
      element('h3', {}, 'Promotions'),
      element('div', { class: 'promotions' }),
      element('h3', {}, 'Articles'),
      element('div', { class: 'articles' })
    );
    if (visitor.reads) {
      const button = element(
        'button',
        { type: 'button', 'data-action': 'read' },
        `Read ${visitor.reads.count} ${visitor.reads.category} articles`
      );
      button.addEventListener('click', () => readArticles(visitor, node, button));
      node.insertBefore(element('p', {}, button), node.querySelector('.profile'));
    }
    return node;
  };

  /** Consent and past reading of each visitor, then their three columns. */
  const start = async () => {
    status.textContent = 'Loading…';
    columns.replaceChildren();
    try {
      for (const visitor of VISITORS) {
        await call(visitor, 'PUT', '/personalization/consent', visitor.consent);
        if (visitor.history) {
          const ids = await articlesOf(visitor.history.category, visitor.history.count);
          await call(visitor, 'POST', '/personalization/events', {
            events: viewEvents(ids, 'history'),
          });
        }
      }
      const nodes = VISITORS.map((visitor) => [visitor, column(visitor)]);
      columns.append(...nodes.map(([, node]) => node));
      await Promise.all(nodes.map(([visitor, node]) => render(visitor, node)));
      status.textContent = 'Ready';
      document.body.dataset.ready = 'true';
    } catch (error) {
      status.textContent = `Could not load the demo: ${error.message ?? error}`;
    }
  };

  document.getElementById('reset').addEventListener('click', () => {
    sessionStorage.removeItem(SESSION_KEY);
    document.body.dataset.ready = 'false';
    start();
  });
  start();
})();
