import type { Kysely, Migration } from 'kysely';

/**
 * The vault. Personal content lives in `sealed` (AES-256-GCM JSON, see adapters/field-crypto.ts);
 * what stays plain is what carries no personal data and is needed to query: ids, the DocuPass
 * reference (a random code), times, image type/side. Equality filters on sealed fields go through
 * `vault_entry_index` (keyed HMAC tokens, one row per entry and field).
 */
export const vaultMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('vault_entries')
      .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
      .addColumn('account_id', 'varchar(40)', (c) => c.notNull().references('accounts.id'))
      .addColumn('docupass_reference', 'varchar(32)')
      .addColumn('sealed', 'text', (c) => c.notNull())
      .addColumn('key_id', 'varchar(16)', (c) => c.notNull())
      .addColumn('createtime', 'bigint', (c) => c.notNull())
      .addColumn('updatetime', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('vault_entries_account_ctime_idx').on('vault_entries').columns(['account_id', 'createtime']).execute();
    await db.schema.createIndex('vault_entries_account_ref_idx').on('vault_entries').columns(['account_id', 'docupass_reference']).execute();
    await db.schema
      .createTable('vault_entry_index')
      .addColumn('entry_id', 'varchar(32)', (c) => c.notNull().references('vault_entries.id').onDelete('cascade'))
      .addColumn('account_id', 'varchar(40)', (c) => c.notNull())
      .addColumn('field', 'varchar(64)', (c) => c.notNull())
      .addColumn('token', 'varchar(32)', (c) => c.notNull())
      .addPrimaryKeyConstraint('vault_entry_index_pk', ['entry_id', 'field'])
      .execute();
    // entry_id last makes the look-up index-only (filters select entry ids by token).
    await db.schema.createIndex('vault_entry_index_lookup_idx').on('vault_entry_index').columns(['account_id', 'field', 'token', 'entry_id']).execute();
    await db.schema
      .createTable('vault_images')
      .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
      .addColumn('entry_id', 'varchar(32)', (c) => c.notNull().references('vault_entries.id').onDelete('cascade'))
      .addColumn('account_id', 'varchar(40)', (c) => c.notNull())
      .addColumn('type', 'integer', (c) => c.notNull())
      .addColumn('side', 'varchar(16)')
      .addColumn('format', 'varchar(8)', (c) => c.notNull())
      .addColumn('mime', 'varchar(64)', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('storage_key', 'varchar(300)', (c) => c.notNull())
      .addColumn('createtime', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('vault_images_entry_idx').on('vault_images').column('entry_id').execute();
    await db.schema
      .createTable('vault_faces')
      .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
      .addColumn('entry_id', 'varchar(32)', (c) => c.notNull().references('vault_entries.id').onDelete('cascade'))
      .addColumn('account_id', 'varchar(40)', (c) => c.notNull())
      .addColumn('image_id', 'varchar(32)')
      .addColumn('sealed_embedding', 'text', (c) => c.notNull())
      .addColumn('key_id', 'varchar(16)', (c) => c.notNull())
      .addColumn('createtime', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('vault_faces_account_idx').on('vault_faces').columns(['account_id', 'entry_id']).execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['vault_faces', 'vault_images', 'vault_entry_index', 'vault_entries']) await db.schema.dropTable(t).execute();
  },
};
