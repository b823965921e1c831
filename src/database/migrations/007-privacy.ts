import type { Kysely, Migration } from 'kysely';

/**
 * Privacy (issue 19): the erasure record, per-account retention policy and per-session data keys.
 *
 * - `erasures`: one row per erasure (request, retention, verify-then-forget). No personal data:
 *   the reference (a random code), who asked, the level and counts of what went.
 * - `account_privacy`: an account's retention and verify-then-forget defaults (null = instance default).
 * - `session_keys`: a data key per session (or vault entry) wrapped by the master key; erasing
 *   a session destroys its key, so copies of its files in backups stay unreadable.
 */
export const privacyMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('erasures')
      .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('account_id', 'varchar(40)', (c) => c.notNull())
      .addColumn('reference', 'varchar(32)', (c) => c.notNull())
      .addColumn('level', 'varchar(16)', (c) => c.notNull())
      .addColumn('reason', 'varchar(32)', (c) => c.notNull())
      .addColumn('actor', 'varchar(120)', (c) => c.notNull())
      .addColumn('erased_json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    // Unique: two processes sweeping at once cannot record (or half-run) the same erasure twice.
    await db.schema.createIndex('erasures_ref_idx').unique().on('erasures').columns(['reference', 'level']).execute();
    await db.schema.createIndex('erasures_account_idx').on('erasures').columns(['account_id', 'created_at']).execute();
    await db.schema
      .createTable('account_privacy')
      .addColumn('account_id', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('retention_seconds', 'bigint')
      .addColumn('record_retention_seconds', 'bigint')
      .addColumn('verify_then_forget', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('session_keys')
      .addColumn('scope', 'varchar(80)', (c) => c.primaryKey())
      .addColumn('account_id', 'varchar(40)', (c) => c.notNull())
      .addColumn('wrapped', 'text')
      .addColumn('key_id', 'varchar(16)')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('destroyed_at', 'bigint')
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['session_keys', 'account_privacy', 'erasures']) await db.schema.dropTable(t).execute();
  },
};
