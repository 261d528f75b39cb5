import { createTableIfMissing, type Knex, type Migration } from './types';

const ASSIGNMENTS = 'personalization_experiment_assignments';
const EXPOSURES = 'personalization_experiment_exposures';
const REWEIGHTS = 'personalization_bandit_reweights';

const createAssignmentsAndExposures = async (knex: Knex): Promise<void> => {
  await createTableIfMissing(knex, ASSIGNMENTS, (table) => {
    table.string('experiment_id', 64).notNullable();
    table.string('caller_key', 64).notNullable();
    table.string('arm', 64).notNullable();
    table.bigInteger('assigned_at').notNullable();
    table.primary(['experiment_id', 'caller_key'], 'pz_exp_assignments_pk');
    table.index(['caller_key'], 'pz_exp_assignments_caller');
  });
  await createTableIfMissing(knex, EXPOSURES, (table) => {
    table.string('experiment_id', 64).notNullable();
    table.integer('phase').notNullable();
    table.string('caller_key', 64).notNullable();
    table.string('arm', 64).notNullable();
    table.bigInteger('exposed_at').notNullable();
    table.primary(['experiment_id', 'phase', 'caller_key'], 'pz_exp_exposures_pk');
    table.index(['experiment_id', 'phase', 'exposed_at'], 'pz_exp_exposures_time');
    table.index(['caller_key'], 'pz_exp_exposures_caller');
  });
  // Bandits per segment: the caller's bandit scope when first exposed, so the reweight job can
  // aggregate per segment. Added to tables created before bandits; null on their old rows.
  if (!(await knex.schema.hasColumn(EXPOSURES, 'bandit_segment'))) {
    await knex.schema.alterTable(EXPOSURES, (table) => {
      table.string('bandit_segment', 100).nullable();
    });
  }
};

/**
 * Assignments (a caller's arm, kept for the experiment's whole life so weights can change),
 * exposures (the first time a caller was served the experiment in a phase, with analytics consent)
 * and bandit reweights. Keyed by the experiment's documentId, never its name, so an experiment
 * deleted and created again under its name starts empty. Needs the events table (002).
 */
export const experiments: Migration = {
  version: 3,
  name: 'experiments',
  async up(knex) {
    await createAssignmentsAndExposures(knex);
    await createTableIfMissing(knex, REWEIGHTS, (table) => {
      table.increments('id');
      table.string('experiment_id', 64).notNullable();
      table.integer('phase').notNullable();
      table.string('segment', 100).notNullable();
      table.bigInteger('reweighted_at').notNullable();
      table.boolean('reweighted').notNullable();
      // JSON text: weights, probabilities, posteriors and exposures by arm.
      table.text('result').notNullable();
      table.index(['experiment_id', 'reweighted_at'], 'pz_bandit_reweights_time');
    });
    // The results query reads the events of a metric's types in the experiment's time span and
    // joins them to the exposures by caller: with every column it needs in this index (type and
    // time first, for the range), it never reads the events table itself.
    await knex.raw(
      `CREATE INDEX IF NOT EXISTS pz_events_type_time ON personalization_events
         (type, occurred_at, caller_key, value, entry_document_id)`
    );
    // Exposed callers of a phase with their arm and time, read from the index alone.
    await knex.raw(
      `CREATE INDEX IF NOT EXISTS pz_exp_exposures_cover ON ${EXPOSURES}
         (experiment_id, phase, arm, exposed_at, caller_key)`
    );
  },
};
