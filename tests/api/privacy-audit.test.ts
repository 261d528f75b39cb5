import { PERMISSIONS } from '../../src/plugins/personalization/shared/contracts/permissions';
import { adminLogin, createAdminUser, createRole, superAdminRoleId } from '../helpers/admin-users';
import { createFullAccessToken } from '../helpers/api-token';
import { articlesOf, audienceCalls, registerUser, viewEvent } from '../helpers/audience';
import { managementApi } from '../helpers/rules';
import { startStrapi, type TestApp } from '../helpers/strapi';

const AUDIT = 'personalization_audit';
const HISTORY = 'personalization_consent_history';

interface AuditRow {
  actor_type: string;
  actor_id: string;
  action: string;
  subject_key: string;
  request_id: string;
}

/** Issue 18: consent history, the access audit log and its readers. */
describe('privacy: consent history and access audit log', () => {
  let app: TestApp;
  let api: ReturnType<typeof managementApi>;
  let fullTokenId: string;
  let articles: string[];
  const admins: Record<'super' | 'noAudit', string> = { super: '', noAudit: '' };

  beforeAll(async () => {
    app = await startStrapi({
      env: {
        PERSONALIZATION_TAGGING_ENABLED: 'false',
        PERSONALIZATION_CONSENT_DEFAULT_ANALYTICS: 'true',
      },
    });
    const accessKey = await createFullAccessToken(app.strapi, 'privacy');
    api = managementApi(app, accessKey);
    const tokens = (await app.strapi.db
      .query('admin::api-token')
      .findMany({ select: ['id', 'name'] })) as Array<{ id: number; name: string }>;
    fullTokenId = String(tokens.find((token) => token.name.startsWith('privacy-'))?.id);
    articles = await articlesOf(app.strapi, 'sports');
    const noAudit = await createRole(app.strapi, 'No audit', [
      { action: PERMISSIONS.audienceRead },
    ]);
    const people = {
      super: {
        email: 'privacy-super@example.com',
        password: 'Super-password-1',
        roles: [await superAdminRoleId(app.strapi)],
      },
      noAudit: {
        email: 'privacy-noaudit@example.com',
        password: 'Noaudit-password-1',
        roles: [noAudit],
      },
    };
    for (const [who, { roles, ...credentials }] of Object.entries(people)) {
      await createAdminUser(app.strapi, credentials, roles);
      admins[who as keyof typeof admins] = await adminLogin(app, credentials);
    }
  });

  afterAll(async () => {
    await app?.destroy();
  });

  const keyOf = (caller: { kind: 'user' | 'visitor'; id: string }): string =>
    app.strapi.plugin('personalization').service('audienceIdentity').keyOf(caller) as string;

  const auditRowsOf = async (key: string, action?: string): Promise<AuditRow[]> =>
    (await app.strapi.db
      .connection(AUDIT)
      .where({ subject_key: key, ...(action ? { action } : {}) })
      .orderBy('id')) as AuditRow[];

  const admin = (who: keyof typeof admins, path: string) =>
    app.http().get(`/personalization${path}`).set('Authorization', `Bearer ${admins[who]}`);

  describe('consent history', () => {
    it('appends one row per purpose whose value changed, with its source, and none for a repeat', async () => {
      const visitor = audienceCalls(app, { visitorId: 'history-1' });
      const key = keyOf({ kind: 'visitor', id: 'history-1' });
      await visitor.consent({ analytics: false }).expect(200);
      await visitor.consent({ analytics: false }).expect(200);
      await visitor.consent({ personalization: false, analytics: true }).expect(200);
      const rows = (await app.strapi.db
        .connection(HISTORY)
        .where({ caller_key: key })
        .orderBy('id')) as Array<{ purpose: string; value: number | boolean; source: string }>;
      expect(rows.map((row) => [row.purpose, Boolean(row.value), row.source])).toEqual([
        ['personalization', true, 'api'],
        ['analytics', false, 'api'],
        ['personalization', false, 'api'],
        ['analytics', true, 'api'],
      ]);
    });

    it('stores neither the change nor its history for a refused body', async () => {
      const key = keyOf({ kind: 'visitor', id: 'history-bad' });
      await audienceCalls(app, { visitorId: 'history-bad' })
        .consent({ analytics: 'yes' } as unknown as Record<string, boolean>)
        .expect(400);
      expect(await app.strapi.db.connection(HISTORY).where({ caller_key: key })).toHaveLength(0);
      expect(await auditRowsOf(key)).toHaveLength(0);
    });
  });

  describe('one audit row per access', () => {
    it('GET /me: one me.read row, the caller as actor, the request id sent', async () => {
      const key = keyOf({ kind: 'visitor', id: 'audit-me' });
      const response = await audienceCalls(app, { visitorId: 'audit-me' })
        .me()
        .set('X-Request-Id', 'req-me-1')
        .expect(200);
      expect(response.headers['x-request-id']).toBe('req-me-1');
      const rows = await auditRowsOf(key);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        action: 'me.read',
        actor_type: 'caller',
        actor_id: key,
        request_id: 'req-me-1',
      });
    });

    it('consent read and change: one row each', async () => {
      const key = keyOf({ kind: 'visitor', id: 'audit-consent' });
      const visitor = audienceCalls(app, { visitorId: 'audit-consent' });
      await visitor.get('/api/personalization/consent').expect(200);
      await visitor.consent({ analytics: true }).expect(200);
      expect((await auditRowsOf(key)).map((row) => row.action)).toEqual([
        'consent.read',
        'consent.change',
      ]);
    });

    it('profile lookups by API token and on the admin page: one profile.read row each, naming the actor', async () => {
      const key = keyOf({ kind: 'visitor', id: 'audit-profile' });
      await audienceCalls(app, { visitorId: 'audit-profile' })
        .events([viewEvent('p1', articles[0])])
        .expect(202);
      await api('get', '/profiles?visitorId=audit-profile').expect(200);
      await admin('super', '/profiles?visitorId=audit-profile').expect(200);
      const rows = await auditRowsOf(key, 'profile.read');
      expect(rows.map((row) => row.actor_type)).toEqual(['api-token', 'admin']);
      expect(rows[0].actor_id).toBe(fullTokenId);
      expect(rows[1].request_id).not.toBe(rows[0].request_id);
    });

    it('segment member lists: pseudonyms paged, one segment.members row per member listed', async () => {
      await api('post', '/segments')
        .send({
          name: 'audited-readers',
          condition: { field: 'profile.visits', op: 'gte', value: 3 },
        })
        .expect(201);
      const ids = ['audit-member-1', 'audit-member-2'];
      for (const [index, visitorId] of ids.entries()) {
        await audienceCalls(app, { visitorId })
          .events(
            [0, 1, 2].map((view) => viewEvent(`m${index}-${view}`, articles[view], `s${view}`))
          )
          .expect(202);
      }
      const keys = ids.map((id) => keyOf({ kind: 'visitor', id }));

      const first = await api('get', '/segments/audited-readers/members?limit=1').expect(200);
      expect(first.body.meta).toEqual({ total: 2, limit: 1, offset: 0 });
      expect(first.body.data).toHaveLength(1);
      const second = await admin('super', '/segments/audited-readers/members?offset=1').expect(200);
      const listed = [...first.body.data, ...second.body.data].map(
        (member: { subjectKey: string; source: string }) => member.subjectKey
      );
      expect([...listed].sort()).toEqual([...keys].sort());
      expect(JSON.stringify([first.body, second.body])).not.toMatch(/audit-member/);

      const [firstKey, secondKey] = listed;
      expect((await auditRowsOf(firstKey, 'segment.members')).map((row) => row.actor_type)).toEqual(
        ['api-token']
      );
      expect(
        (await auditRowsOf(secondKey, 'segment.members')).map((row) => row.actor_type)
      ).toEqual(['admin']);

      // Refused reads list nobody and write nothing.
      await api('get', '/segments/audited-readers/members?limit=0').expect(400);
      await api('get', '/segments/audited-readers/members?colour=red').expect(400);
      await api('get', '/segments/no-such-segment/members').expect(404);
      for (const key of keys) expect(await auditRowsOf(key, 'segment.members')).toHaveLength(1);
    });

    it('exports by the caller and by a token: one export row each', async () => {
      const key = keyOf({ kind: 'visitor', id: 'audit-export' });
      await audienceCalls(app, { visitorId: 'audit-export' })
        .get('/api/personalization/me/export')
        .expect(200);
      await api('get', '/export?visitorId=audit-export').expect(200);
      const rows = await auditRowsOf(key, 'export');
      expect(rows.map((row) => row.actor_type)).toEqual(['caller', 'api-token']);
    });

    it('an erasure leaves one audit row holding the pseudonym and no raw id', async () => {
      const user = await registerUser(app, 'erased-reader');
      const key = keyOf({ kind: 'user', id: String(user.id) });
      await audienceCalls(app, { jwt: user.jwt }).consent({ analytics: true }).expect(200);
      await audienceCalls(app, { jwt: user.jwt })
        .events([viewEvent('e1', articles[0])])
        .expect(202);
      await api('delete', `/users/${user.id}`).expect(200);
      const rows = await auditRowsOf(key, 'erasure');
      expect(rows).toHaveLength(1);
      expect(rows[0].subject_key).toBe(key);
      const stored = JSON.stringify(rows[0]);
      expect(stored).not.toContain('erased-reader');
      expect(Object.values(rows[0])).not.toContain(String(user.id));
      expect(await app.strapi.db.connection(HISTORY).where({ caller_key: key })).toHaveLength(0);
      // The consent change and the erasure stay in the log.
      expect((await auditRowsOf(key)).map((row) => row.action)).toEqual([
        'consent.change',
        'erasure',
      ]);
    });
  });

  describe('reading the log', () => {
    it('filters by subject, action and since over the API, newest first', async () => {
      const key = keyOf({ kind: 'visitor', id: 'audit-me' });
      const since = new Date(Date.now() - 3_600_000).toISOString();
      const response = await api(
        'get',
        `/audit?subject=${key}&action=me.read&since=${encodeURIComponent(since)}&limit=5`
      ).expect(200);
      expect(response.body.data).toHaveLength(1);
      expect(response.body.data[0]).toMatchObject({ action: 'me.read', subjectKey: key });
      const later = new Date(Date.now() + 3_600_000).toISOString();
      const none = await api('get', `/audit?since=${encodeURIComponent(later)}`).expect(200);
      expect(none.body.data).toHaveLength(0);
    });

    it('refuses bad filters with a 400 naming them', async () => {
      const limit = await api('get', '/audit?limit=0').expect(400);
      expect(limit.body.error.message).toMatch(/^limit: /);
      const action = await api('get', '/audit?action=peek').expect(400);
      expect(action.body.error.message).toMatch(/^action: /);
      const subject = await api('get', '/audit?subject=ada').expect(400);
      expect(subject.body.error.message).toMatch(/^subject: /);
      await api('get', '/audit?who=me').expect(400);
    });

    it('needs the audit.read action on a custom API token', async () => {
      const create = (name: string, permissions: string[]) =>
        app.strapi.service('admin::api-token').create({
          name,
          type: 'custom',
          lifespan: null,
          permissions,
        }) as Promise<{ accessKey: string }>;
      const reader = await create('audit-reader', ['plugin::personalization.audit.read']);
      const other = await create('profile-reader', ['plugin::personalization.profiles.show']);
      await managementApi(app, reader.accessKey)('get', '/audit').expect(200);
      await managementApi(app, other.accessKey)('get', '/audit').expect(403);
      await app.http().get('/api/personalization/audit').expect(403);
    });

    it('the admin route needs the audit.read permission', async () => {
      const response = await admin('super', '/audit?action=profile.read').expect(200);
      expect(response.body.data.length).toBeGreaterThan(0);
      await admin('noAudit', '/audit').expect(403);
    });
  });
});
