import type { Kysely, Migration } from 'kysely';

/**
 * Webhook signing secret rotation: the account's secret before the last rotation and until when
 * callbacks are still signed with it too (Standard Webhooks lets a header carry several
 * signatures, so receivers switch secrets without losing a callback).
 */
export const webhookSecretMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('webhook_secret_rotations')
      .addColumn('account_id', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('previous_secret', 'text', (c) => c.notNull())
      .addColumn('previous_valid_until', 'bigint', (c) => c.notNull())
      .addColumn('rotated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('webhook_secret_rotations').execute();
  },
};
