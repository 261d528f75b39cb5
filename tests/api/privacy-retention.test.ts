import { countRows } from '../helpers/audience';
import { startStrapi, type TestApp } from '../helpers/strapi';

const DAY = 86_400_000;
const EVENTS = 'personalization_events';

/** Issue 18: retention per event type and per purpose, applied by the retention job. */
describe('privacy: retention per event type and purpose', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startStrapi({
      env: {
        PERSONALIZATION_TAGGING_ENABLED: 'false',
        PERSONALIZATION_RETENTION_DAYS: '180',
        PERSONALIZATION_RETENTION_EVENT_TYPES: 'conversion:365,view:30',
        PERSONALIZATION_RETENTION_PERSONALIZATION_DAYS: '60',
        PERSONALIZATION_RETENTION_EXPERIMENTS_DAYS: '90',
        PERSONALIZATION_RETENTION_CONSENT_RECORDS_DAYS: '400',
        PERSONALIZATION_AUDIT_RETENTION_DAYS: '700',
      },
    });
  });

  afterAll(async () => {
    await app?.destroy();
  });

  const knex = () => app.strapi.db.connection;
  const ago = (days: number) => Date.now() - days * DAY;
  const event = (id: string, type: string, days: number) => ({
    caller_key: 'a'.repeat(64),
    event_id: id,
    type,
    value: type === 'conversion' ? 10 : type === 'dwell' ? 1000 : null,
    occurred_at: ago(days),
    session_id: 's',
    tags: '[]',
    received_at: ago(days),
  });

  it('keeps each event type for its own period and the others for the default', async () => {
    await knex()(EVENTS).insert([
      event('view-old', 'view', 31),
      event('view-new', 'view', 29),
      event('conv-old', 'conversion', 366),
      event('conv-mid', 'conversion', 200),
      event('dwell-old', 'dwell', 181),
      event('dwell-mid', 'dwell', 100),
    ]);
    const result = await app.strapi.plugin('personalization').service('retention').run();
    expect(result.purged.events).toEqual({ view: 1, conversion: 1, other: 1 });
    expect(result.deleted).toBe(3);
    const kept = (await knex()(EVENTS).select('event_id')) as Array<{ event_id: string }>;
    expect(kept.map((row) => row.event_id).sort()).toEqual(['conv-mid', 'dwell-mid', 'view-new']);
  });

  it('purges idle profiles with their memberships, old experiment rows, consent history and audit rows', async () => {
    const idle = 'b'.repeat(64);
    const active = 'c'.repeat(64);
    await knex()('personalization_profiles').insert([
      { caller_key: idle, subject: 'visitor', data: '{}', updated_at: ago(61) },
      { caller_key: active, subject: 'visitor', data: '{}', updated_at: ago(1) },
    ]);
    await knex()('personalization_segment_members').insert([
      { caller_key: idle, segment: 's', source: 'rule', assigned_at: ago(61) },
      { caller_key: active, segment: 's', source: 'rule', assigned_at: ago(61) },
    ]);
    await knex()('personalization_experiment_assignments').insert([
      { experiment_id: 'e', caller_key: idle, arm: 'a', assigned_at: ago(91) },
      { experiment_id: 'e', caller_key: active, arm: 'a', assigned_at: ago(89) },
    ]);
    await knex()('personalization_experiment_exposures').insert([
      { experiment_id: 'e', phase: 1, caller_key: idle, arm: 'a', exposed_at: ago(91) },
    ]);
    await knex()('personalization_consent_history').insert([
      { caller_key: idle, purpose: 'analytics', value: true, source: 'api', changed_at: ago(401) },
      { caller_key: idle, purpose: 'analytics', value: false, source: 'api', changed_at: ago(10) },
    ]);
    const auditRow = (at: number) => ({
      at,
      actor_type: 'caller',
      actor_id: idle,
      action: 'me.read',
      subject_key: idle,
      request_id: 'r',
    });
    await knex()('personalization_audit').insert([auditRow(ago(701)), auditRow(ago(699))]);

    const result = await app.strapi.plugin('personalization').service('retention').run();
    expect(result.purged).toMatchObject({
      profiles: 1,
      segmentMembers: 1,
      experiments: 2,
      consentHistory: 1,
      audit: 1,
    });
    expect(await countRows(app.strapi, 'personalization_profiles')).toBe(1);
    expect(await countRows(app.strapi, 'personalization_segment_members')).toBe(1);
    expect(await countRows(app.strapi, 'personalization_experiment_assignments')).toBe(1);
    expect(await countRows(app.strapi, 'personalization_consent_history')).toBe(1);
    expect(await countRows(app.strapi, 'personalization_audit')).toBe(1);
  });
});
