'use strict';

/**
 * The personalization plugin's audience tables: events (high-volume, append-mostly), profiles,
 * consent, visitor→user links, segment membership and clustering runs. They are not content
 * types: no admin editing, batch inserts, and indexes for per-caller and per-entry reads.
 * Caller ids are stored as HMAC pseudonyms (caller_key), never as raw ids.
 * Strapi runs this once, in a transaction, before it syncs the content-type schema.
 */
async function up(knex) {
  await knex.schema.createTable('personalization_events', (table) => {
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

  await knex.schema.createTable('personalization_profiles', (table) => {
    table.string('caller_key', 64).primary();
    // 'user' or 'visitor': segment conditions may ask whether the caller is signed in.
    table.string('subject', 8).notNullable();
    table.text('data').notNullable();
    table.bigInteger('updated_at').notNullable();
  });

  await knex.schema.createTable('personalization_consents', (table) => {
    table.string('caller_key', 64).primary();
    table.boolean('personalization').notNullable();
    table.boolean('analytics').notNullable();
    table.bigInteger('updated_at').notNullable();
  });

  await knex.schema.createTable('personalization_identities', (table) => {
    table.string('visitor_key', 64).primary();
    table.string('user_key', 64).notNullable();
    table.bigInteger('linked_at').notNullable();
    table.index(['user_key'], 'pz_identities_user');
  });

  await knex.schema.createTable('personalization_segment_members', (table) => {
    table.string('caller_key', 64).notNullable();
    table.string('segment', 100).notNullable();
    table.string('source', 8).notNullable();
    table.bigInteger('assigned_at').notNullable();
    table.unique(['caller_key', 'segment'], { indexName: 'pz_segment_members_caller' });
    table.index(['segment'], 'pz_segment_members_segment');
  });

  await knex.schema.createTable('personalization_clustering_runs', (table) => {
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
}

module.exports = { up };
