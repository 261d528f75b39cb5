import { createTableIfMissing, type Knex, type Migration } from './types';

const EVENTS = 'personalization_events';

const createEvents = (knex: Knex) =>
  createTableIfMissing(knex, EVENTS, (table) => {
    table.bigIncrements('id').primary();
    table.string('caller_key', 64).notNullable();
    table.string('event_id', 128).notNullable();
    table.string('type', 16).notNullable();
    table.string('entry_uid', 255).nullable();
    table.string('entry_document_id', 64).nullable();
    table.double('value').nullable();
    table.bigInteger('occurred_at').notNullable();
    table.string('session_id', 128).notNullable();
    table.text('tags').notNullable();
    table.string('device', 16).nullable();
    table.bigInteger('received_at').notNullable();
    table.unique(['caller_key', 'event_id'], { indexName: 'pz_events_caller_event' });
    table.index(['caller_key', 'occurred_at'], 'pz_events_caller_time');
    table.index(['entry_uid', 'entry_document_id'], 'pz_events_entry');
    table.index(['occurred_at'], 'pz_events_time');
  });

/**
 * Custom events carry a name (`signup`, `add-to-cart`) that experiment metrics count; view and
 * click events carry the recommendation list they came from. Rows older than either have null.
 */
const addEventNameAndList = async (knex: Knex): Promise<void> => {
  if (!(await knex.schema.hasColumn(EVENTS, 'name'))) {
    await knex.schema.alterTable(EVENTS, (table) => {
      table.string('name', 64).nullable();
    });
  }
  if (!(await knex.schema.hasColumn(EVENTS, 'list_id'))) {
    await knex.schema.alterTable(EVENTS, (table) => {
      table.string('list_id', 64).nullable();
      table.index(['list_id'], 'pz_events_list');
    });
  }
};

const createCallerTables = async (knex: Knex): Promise<void> => {
  await createTableIfMissing(knex, 'personalization_profiles', (table) => {
    table.string('caller_key', 64).primary();
    // 'user' or 'visitor': segment conditions may ask whether the caller is signed in.
    table.string('subject', 8).notNullable();
    table.text('data').notNullable();
    table.bigInteger('updated_at').notNullable();
  });
  await createTableIfMissing(knex, 'personalization_consents', (table) => {
    table.string('caller_key', 64).primary();
    table.boolean('personalization').notNullable();
    table.boolean('analytics').notNullable();
    table.bigInteger('updated_at').notNullable();
  });
  await createTableIfMissing(knex, 'personalization_identities', (table) => {
    table.string('visitor_key', 64).primary();
    table.string('user_key', 64).notNullable();
    table.bigInteger('linked_at').notNullable();
    table.index(['user_key'], 'pz_identities_user');
  });
};

const createSegmentTables = async (knex: Knex): Promise<void> => {
  await createTableIfMissing(knex, 'personalization_segment_members', (table) => {
    table.string('caller_key', 64).notNullable();
    table.string('segment', 100).notNullable();
    table.string('source', 8).notNullable();
    table.bigInteger('assigned_at').notNullable();
    table.unique(['caller_key', 'segment'], { indexName: 'pz_segment_members_caller' });
    table.index(['segment'], 'pz_segment_members_segment');
  });
  await createTableIfMissing(knex, 'personalization_clustering_runs', (table) => {
    table.increments('id').primary();
    table.bigInteger('ran_at').notNullable();
    table.integer('k').notNullable();
    table.integer('profiles').notNullable();
    table.double('silhouette').nullable();
    table.double('ari').nullable();
    table.integer('compared').notNullable();
    table.text('sizes').notNullable();
    table.text('features').notNullable();
  });
};

/**
 * The audience tables: events (high-volume, append-mostly), profiles, consent, visitor→user links,
 * segment membership and clustering runs. Caller ids are stored as HMAC pseudonyms (caller_key).
 * Until this migration the host app copied three files into its database/migrations
 * (2026.11.29T00.00.00.personalization-audience.js, 2026.12.02T00.00.00.personalization-event-names.js,
 * 2026.12.02T01.00.00.personalization-event-lists.js); on a database where they ran, this adds
 * only what is missing.
 */
export const audience: Migration = {
  version: 2,
  name: 'audience',
  async up(knex) {
    await createEvents(knex);
    await addEventNameAndList(knex);
    await createCallerTables(knex);
    await createSegmentTables(knex);
  },
};
