import type { Kysely, Migration } from 'kysely';

/** The durable job queue and the callback delivery log. */
export const jobsCallbacksMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('jobs')
      .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('name', 'varchar(64)', (c) => c.notNull())
      .addColumn('payload_json', 'text', (c) => c.notNull())
      .addColumn('dedupe_key', 'varchar(200)', (c) => c.unique())
      .addColumn('state', 'varchar(16)', (c) => c.notNull())
      .addColumn('run_at', 'bigint', (c) => c.notNull())
      .addColumn('locked_until', 'bigint')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['state', 'run_at']).execute();
    await db.schema
      .createTable('callback_deliveries')
      .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('reference', 'varchar(32)', (c) => c.notNull())
      .addColumn('account_id', 'varchar(40)', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('payload_key', 'varchar(300)', (c) => c.notNull())
      .addColumn('state', 'varchar(16)', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('callback_deliveries_ref_idx').on('callback_deliveries').columns(['account_id', 'reference']).execute();
    await db.schema
      .createTable('callback_attempts')
      .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('delivery_id', 'varchar(40)', (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('trigger', 'varchar(16)', (c) => c.notNull())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('latency_ms', 'integer')
      .addColumn('status_code', 'integer')
      .addColumn('error', 'text')
      .addColumn('response_head', 'text')
      .execute();
    await db.schema.createIndex('callback_attempts_delivery_idx').on('callback_attempts').column('delivery_id').execute();
    await db.schema
      .createTable('verification_attempts')
      .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('reference', 'varchar(32)', (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('passed', 'integer', (c) => c.notNull())
      .addColumn('failcode', 'integer')
      .addColumn('failreason', 'text')
      .addColumn('result_key', 'varchar(300)')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('verification_attempts_ref_idx').on('verification_attempts').column('reference').execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['verification_attempts', 'callback_attempts', 'callback_deliveries', 'jobs']) await db.schema.dropTable(t).execute();
  },
};
