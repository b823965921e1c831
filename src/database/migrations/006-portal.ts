import type { Kysely, Migration } from 'kysely';

/**
 * The operator portal (issue 16): operators, their server-side sessions, the append-only audit
 * log, review decisions and assignments, and webhook endpoints for Standard Webhooks events.
 * Secrets are stored hashed (passwords Argon2id, session ids and set-up tokens SHA-256,
 * recovery codes SHA-256); the TOTP secret is sealed with the field key (AES-256-GCM).
 */
export const portalMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('operators')
      .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('account_id', 'varchar(40)', (c) => c.notNull().references('accounts.id'))
      .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
      .addColumn('role', 'varchar(16)', (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('totp_sealed', 'text')
      .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('totp_last_step', 'bigint')
      .addColumn('recovery_hashes', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('setup_token_hash', 'varchar(64)')
      .addColumn('setup_expires_at', 'bigint')
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'bigint')
      .addColumn('last_login_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('operators_account_idx').on('operators').column('account_id').execute();
    await db.schema
      .createTable('portal_sessions')
      .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('operator_id', 'varchar(40)', (c) => c.notNull())
      .addColumn('account_id', 'varchar(40)', (c) => c.notNull())
      .addColumn('stage', 'varchar(16)', (c) => c.notNull())
      .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
      .addColumn('totp_pending_sealed', 'text')
      .addColumn('ip', 'varchar(64)')
      .addColumn('user_agent', 'varchar(300)')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('portal_sessions_operator_idx').on('portal_sessions').column('operator_id').execute();
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('account_id', 'varchar(40)', (c) => c.notNull())
      .addColumn('operator_id', 'varchar(40)')
      .addColumn('operator_email', 'varchar(254)')
      .addColumn('action', 'varchar(64)', (c) => c.notNull())
      .addColumn('target', 'varchar(200)')
      .addColumn('detail', 'text')
      .addColumn('ip', 'varchar(64)')
      .addColumn('user_agent', 'varchar(300)')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_account_idx').on('audit_log').columns(['account_id', 'created_at']).execute();
    await db.schema
      .createTable('reviews')
      .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('account_id', 'varchar(40)', (c) => c.notNull())
      .addColumn('reference', 'varchar(32)', (c) => c.notNull())
      .addColumn('vault_entry_id', 'varchar(64)')
      .addColumn('decision', 'varchar(16)', (c) => c.notNull())
      .addColumn('reason', 'varchar(64)', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('operator_id', 'varchar(40)', (c) => c.notNull())
      .addColumn('operator_email', 'varchar(254)', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('reviews_ref_idx').on('reviews').columns(['account_id', 'reference']).execute();
    await db.schema
      .createTable('review_marks')
      .addColumn('reference', 'varchar(32)', (c) => c.primaryKey())
      .addColumn('account_id', 'varchar(40)', (c) => c.notNull())
      .addColumn('assigned_to', 'varchar(40)')
      .addColumn('marked', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('webhook_endpoints')
      .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('account_id', 'varchar(40)', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('description', 'varchar(200)')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('disabled_at', 'bigint')
      .execute();
    await db.schema.createIndex('webhook_endpoints_account_idx').on('webhook_endpoints').column('account_id').execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['webhook_endpoints', 'review_marks', 'reviews', 'audit_log', 'portal_sessions', 'operators']) await db.schema.dropTable(t).execute();
  },
};
