import type { Kysely, Migration } from 'kysely';

/**
 * Portal, second part (issue 16; issue 18's account-level privacy notice):
 * - `account_settings`: the account's company name, logo (a file-store key) and default session
 *   options (JSON, validated with the /docupass/create schema; read by session creation).
 * - `api_keys.last_used_at`: when a key last authenticated a request (written at most once a
 *   minute per key per process, off the request's critical path).
 * - `portal_session_facts`: per finished session, what the portal filters and queues on that lives
 *   only in the stored result — the document's issuing country (ISO 3166 alpha-2) and type
 *   (P/D/I), whether it has AML hits, whether a check was near its threshold — so the session list
 *   filters and the review queue page in SQL. No names, numbers or dates.
 * - `operator_passkeys`: WebAuthn credentials of operators (public key, signature counter), a
 *   second factor beside TOTP; `webauthn_challenges`: the one pending challenge of a portal
 *   session (registration or sign-in), so any process can check the answer.
 */
export const portalSettingsMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('account_settings')
      .addColumn('account_id', 'varchar(40)', (c) => c.primaryKey())
      .addColumn('company_name', 'varchar(200)')
      .addColumn('logo_key', 'varchar(300)')
      .addColumn('logo_mime', 'varchar(40)')
      .addColumn('defaults_json', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_by', 'varchar(254)')
      .execute();
    await db.schema.alterTable('api_keys').addColumn('last_used_at', 'bigint').execute();
    await db.schema
      .createTable('portal_session_facts')
      .addColumn('reference', 'varchar(32)', (c) => c.primaryKey())
      .addColumn('account_id', 'varchar(40)', (c) => c.notNull())
      .addColumn('document_country', 'varchar(3)')
      .addColumn('document_type', 'varchar(8)')
      .addColumn('aml', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('near', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('session_updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('portal_session_facts_account_idx').on('portal_session_facts').columns(['account_id', 'document_country', 'document_type']).execute();
    await db.schema
      .createTable('operator_passkeys')
      .addColumn('id', 'varchar(512)', (c) => c.primaryKey())
      .addColumn('operator_id', 'varchar(40)', (c) => c.notNull())
      .addColumn('account_id', 'varchar(40)', (c) => c.notNull())
      .addColumn('name', 'varchar(100)', (c) => c.notNull())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('counter', 'bigint', (c) => c.notNull())
      .addColumn('transports', 'varchar(200)')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_used_at', 'bigint')
      .execute();
    await db.schema.createIndex('operator_passkeys_operator_idx').on('operator_passkeys').column('operator_id').execute();
    await db.schema
      .createTable('webauthn_challenges')
      .addColumn('session_hash', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('purpose', 'varchar(16)', (c) => c.notNull())
      .addColumn('challenge', 'varchar(200)', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('webauthn_challenges').execute();
    await db.schema.dropTable('operator_passkeys').execute();
    await db.schema.dropTable('portal_session_facts').execute();
    await db.schema.alterTable('api_keys').dropColumn('last_used_at').execute();
    await db.schema.dropTable('account_settings').execute();
  },
};
