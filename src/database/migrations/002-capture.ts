import type { Kysely, Migration } from 'kysely';

/**
 * State of the end-user capture app (issue 5): short-lived upload tokens, per-session capture
 * flags (document has no back, selfie-video challenge) and phone verification (issue 9 "Phone").
 */
export const captureMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('capture_tokens')
      .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('reference', 'varchar(32)', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('capture_tokens_ref_idx').on('capture_tokens').columns(['reference', 'expires_at']).execute();
    await db.schema
      .createTable('capture_state')
      .addColumn('reference', 'varchar(32)', (c) => c.primaryKey())
      .addColumn('back_not_needed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('video_challenge', 'varchar(64)')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('phone_verifications')
      .addColumn('reference', 'varchar(32)', (c) => c.primaryKey())
      .addColumn('account_id', 'varchar(40)', (c) => c.notNull())
      .addColumn('number', 'varchar(32)', (c) => c.notNull())
      .addColumn('number_type', 'varchar(16)', (c) => c.notNull())
      .addColumn('code_hash', 'varchar(64)')
      .addColumn('code_expires_at', 'bigint')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('sends', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_sent_at', 'bigint')
      .addColumn('verified_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['phone_verifications', 'capture_state', 'capture_tokens']) await db.schema.dropTable(t).execute();
  },
};
