import type { Kysely, Migration } from 'kysely';

export const foundation: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('accounts')
      .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('callback_secret', 'varchar(128)', (c) => c.notNull())
      .addColumn('webhook_secret', 'varchar(128)', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('account_id', 'varchar(40)', (c) => c.notNull().references('accounts.id'))
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('key_hash', 'varchar(128)', (c) => c.notNull().unique())
      .addColumn('key_prefix', 'varchar(16)', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema
      .createTable('sessions')
      .addColumn('reference', 'varchar(32)', (c) => c.primaryKey())
      .addColumn('account_id', 'varchar(40)', (c) => c.notNull().references('accounts.id'))
      .addColumn('kind', 'varchar(16)', (c) => c.notNull())
      .addColumn('type', 'integer', (c) => c.notNull())
      .addColumn('customid', 'text')
      .addColumn('state', 'varchar(16)', (c) => c.notNull())
      .addColumn('options_json', 'text', (c) => c.notNull())
      .addColumn('reusable', 'integer', (c) => c.notNull())
      .addColumn('parent_reference', 'varchar(32)')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('outcome_success', 'integer')
      .addColumn('outcome_failcode', 'integer')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_account_idx').on('sessions').columns(['account_id', 'created_at']).execute();
    await db.schema.createIndex('sessions_expiry_idx').on('sessions').columns(['state', 'expires_at']).execute();
    await db.schema
      .createTable('session_files')
      .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('reference', 'varchar(32)', (c) => c.notNull().references('sessions.reference'))
      .addColumn('account_id', 'varchar(40)', (c) => c.notNull())
      .addColumn('role', 'varchar(32)', (c) => c.notNull())
      .addColumn('storage_key', 'varchar(300)', (c) => c.notNull())
      .addColumn('mime', 'varchar(64)', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('session_files_ref_idx').on('session_files').column('reference').execute();
    await db.schema
      .createTable('templates')
      .addColumn('id', 'varchar(40)', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('account_id', 'varchar(40)', (c) => c.notNull().references('accounts.id'))
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('html', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('deleted_at', 'bigint')
      .addPrimaryKeyConstraint('templates_pk', ['id', 'version'])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['templates', 'session_files', 'sessions', 'api_keys', 'accounts']) await db.schema.dropTable(t).execute();
  },
};
