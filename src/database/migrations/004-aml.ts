import type { Kysely, Migration } from 'kysely';

/**
 * AML lists: one row per listed entity (the normalised record as JSON, rebuilt into the
 * in-memory index at start) and one status row per database (snapshot date, count).
 */
export const amlMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('aml_entities')
      .addColumn('database', 'varchar(40)', (c) => c.notNull())
      .addColumn('entity_id', 'varchar(200)', (c) => c.notNull())
      .addColumn('entity', 'varchar(16)', (c) => c.notNull())
      .addColumn('record_json', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('aml_entities_pk', ['database', 'entity_id'])
      .execute();
    await db.schema
      .createTable('aml_lists')
      .addColumn('database', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('snapshot_date', 'varchar(40)')
      .addColumn('format', 'varchar(32)', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('entity_count', 'integer', (c) => c.notNull())
      .addColumn('imported_at', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('aml_lists').execute();
    await db.schema.dropTable('aml_entities').execute();
  },
};
