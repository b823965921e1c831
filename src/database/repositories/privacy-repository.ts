import { sql } from 'kysely';
import type { Db, Dialect } from '../connect.ts';
import type { AccountPrivacyTable, ErasuresTable, SessionKeysTable } from '../schema.ts';
import { sessionFromRow, type Session } from './sessions-repository.ts';
import { OPEN_STATES, TERMINAL_STATES } from '../../domain/session/session-state.ts';

export type ErasureRow = ErasuresTable;
export type AccountPrivacyRow = AccountPrivacyTable;
export type SessionKeyRow = SessionKeysTable;

/** What one session holds outside its own row: the erasure and the export walk the same list. */
export type SessionHoldings = {
  files: Array<{ id: string; role: string; storage_key: string; mime: string; size: number; sha256: string; created_at: number }>;
  vaultEntryIds: string[];
  deliveries: Array<{ id: string; url: string; payload_key: string; state: string; attempts: number; created_at: number }>;
  attempts: Array<{ attempt: number; passed: number; failcode: number | null; failreason: string | null; result_key: string | null; created_at: number }>;
  phone: { number: string; number_type: string; verified_at: number | null } | undefined;
};

/** The non-personal remains a row update leaves behind (see domain/privacy/scrub-options.ts); the repository stores the options. */
export type SessionScrub = { reference: string; options: Record<string, unknown>; customid: null; liveTo?: string };

const LIVE = [...OPEN_STATES];
const FINISHED = [...TERMINAL_STATES];

/** Queries of the privacy services: finding a person's sessions, erasing their rows, the erasure log. */
export function privacyRepository(db: Db, dialect: Dialect) {
  return {
    dialect,
    /** A session by reference, or every session with the custom id; each with its reusable-link children. */
    async findSessions(accountId: string | undefined, by: { reference?: string; customid?: string }): Promise<Session[]> {
      let q = db.selectFrom('sessions').selectAll();
      if (accountId !== undefined) q = q.where('account_id', '=', accountId);
      q = by.reference !== undefined ? q.where((eb) => eb.or([eb('reference', '=', by.reference!), eb('parent_reference', '=', by.reference!)])) : q.where('customid', '=', by.customid ?? '');
      return (await q.orderBy('created_at').execute()).map(sessionFromRow);
    },

    async holdings(accountId: string, reference: string): Promise<SessionHoldings> {
      const files = await db.selectFrom('session_files').select(['id', 'role', 'storage_key', 'mime', 'size', 'sha256', 'created_at']).where('reference', '=', reference).where('account_id', '=', accountId).orderBy('created_at').execute();
      const vault = await db.selectFrom('vault_entries').select('id').where('account_id', '=', accountId).where('docupass_reference', '=', reference).execute();
      const deliveries = await db.selectFrom('callback_deliveries').select(['id', 'url', 'payload_key', 'state', 'attempts', 'created_at']).where('account_id', '=', accountId).where('reference', '=', reference).orderBy('created_at').execute();
      const attempts = await db.selectFrom('verification_attempts').select(['attempt', 'passed', 'failcode', 'failreason', 'result_key', 'created_at']).where('reference', '=', reference).orderBy('attempt').execute();
      const phone = await db.selectFrom('phone_verifications').select(['number', 'number_type', 'verified_at']).where('reference', '=', reference).where('account_id', '=', accountId).executeTakeFirst();
      return { files, vaultEntryIds: vault.map((v) => v.id), deliveries, attempts, phone };
    },

    /**
     * Removes every personal row of a session in one transaction and records the erasure.
     * `level` 'media' keeps the vault entry's sealed record (the AML verification record) but
     * takes its images and face descriptors; 'full' takes the vault entries too.
     */
    async eraseRows(accountId: string, scrub: SessionScrub, level: 'media' | 'full', erasure: ErasureRow): Promise<{ vaultImages: string[] }> {
      return db.transaction().execute(async (trx) => {
        const ref = scrub.reference;
        const entryIds = (await trx.selectFrom('vault_entries').select('id').where('account_id', '=', accountId).where('docupass_reference', '=', ref).execute()).map((r) => r.id);
        const vaultImages = entryIds.length ? (await trx.selectFrom('vault_images').select('storage_key').where('entry_id', 'in', entryIds).execute()).map((r) => r.storage_key) : [];
        if (entryIds.length) {
          await trx.deleteFrom('vault_faces').where('entry_id', 'in', entryIds).execute();
          await trx.deleteFrom('vault_images').where('entry_id', 'in', entryIds).execute();
          if (level === 'full') {
            await trx.deleteFrom('vault_entry_index').where('entry_id', 'in', entryIds).execute();
            await trx.deleteFrom('vault_entries').where('id', 'in', entryIds).execute();
          }
        }
        await trx.deleteFrom('session_files').where('reference', '=', ref).where('account_id', '=', accountId).execute();
        await trx.deleteFrom('capture_tokens').where('reference', '=', ref).execute();
        await trx.deleteFrom('capture_state').where('reference', '=', ref).execute();
        await trx.updateTable('verification_attempts').set({ result_key: null }).where('reference', '=', ref).execute();
        const deliveryIds = (await trx.selectFrom('callback_deliveries').select(['id', 'url']).where('account_id', '=', accountId).where('reference', '=', ref).execute());
        for (const d of deliveryIds) {
          // The business's endpoint stays as its origin (the delivery log still says where it went).
          let origin = '';
          try {
            origin = new URL(d.url).origin;
          } catch {
            origin = '';
          }
          // A pending delivery can no longer be sent: its payload is gone.
          await trx.updateTable('callback_deliveries').set({ url: origin }).where('id', '=', d.id).execute();
          await trx.updateTable('callback_deliveries').set({ state: 'failed', next_attempt_at: null }).where('id', '=', d.id).where('state', '=', 'pending').execute();
        }
        if (deliveryIds.length) await trx.updateTable('callback_attempts').set({ response_head: null }).where('delivery_id', 'in', deliveryIds.map((d) => d.id)).execute();
        if (level === 'full') {
          await trx.deleteFrom('phone_verifications').where('reference', '=', ref).execute();
          // A reviewer's free-text note may name the person; the structured decision and reason stay.
          await trx.updateTable('reviews').set({ note: null }).where('account_id', '=', accountId).where('reference', '=', ref).execute();
          await trx.updateTable('sessions').set({ customid: null, options_json: JSON.stringify(scrub.options) }).where('reference', '=', ref).where('account_id', '=', accountId).execute();
        }
        if (scrub.liveTo) await trx.updateTable('sessions').set({ state: scrub.liveTo }).where('reference', '=', ref).where('state', 'in', LIVE).execute();
        await trx.insertInto('erasures').values(erasure).execute();
        return { vaultImages };
      });
    },

    /**
     * Makes erasure provable on SQLite: deleted cells are zeroed (`secure_delete`, set on the
     * connection before the erase) and the WAL, which still holds the old page images, is
     * checkpointed into the main file and truncated. PostgreSQL: nothing to do here (dead
     * tuples are reclaimed by (auto)vacuum; the files are crypto-shredded, see docs/privacy.md).
     */
    async secureDeleteOn(): Promise<void> {
      if (dialect === 'sqlite') await sql`PRAGMA secure_delete = ON`.execute(db);
    },
    async checkpoint(): Promise<void> {
      if (dialect === 'sqlite') await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
    },

    async updateErasureCounts(id: string, erasedJson: string): Promise<void> {
      await db.updateTable('erasures').set({ erased_json: erasedJson }).where('id', '=', id).execute();
    },
    async findErasures(accountId: string, reference: string): Promise<ErasureRow[]> {
      return db.selectFrom('erasures').selectAll().where('account_id', '=', accountId).where('reference', '=', reference).orderBy('created_at').execute();
    },
    async listErasures(accountId: string | undefined, limit: number): Promise<ErasureRow[]> {
      let q = db.selectFrom('erasures').selectAll();
      if (accountId) q = q.where('account_id', '=', accountId);
      return q.orderBy('created_at', 'desc').limit(limit).execute();
    },

    // --- retention ---
    async accountPolicies(): Promise<AccountPrivacyRow[]> {
      return db.selectFrom('account_privacy').selectAll().execute();
    },
    async getAccountPolicy(accountId: string): Promise<AccountPrivacyRow | undefined> {
      return db.selectFrom('account_privacy').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    },
    async setAccountPolicy(row: AccountPrivacyRow): Promise<void> {
      const { account_id, ...rest } = row;
      await db.insertInto('account_privacy').values(row).onConflict((oc) => oc.column('account_id').doUpdateSet(rest)).execute();
    },
    async accountIds(): Promise<string[]> {
      return (await db.selectFrom('accounts').select('id').execute()).map((r) => r.id);
    },
    /**
     * Finished sessions of an account that ended before `before` and have no erasure at `level`
     * (nor a full one). `updated_at` is when the outcome was recorded.
     */
    async findDue(accountId: string, before: number, level: 'media' | 'full', limit: number): Promise<Session[]> {
      const levels = level === 'media' ? ['media', 'full'] : ['full'];
      const rows = await db
        .selectFrom('sessions')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('state', 'in', FINISHED)
        .where('updated_at', '<', before)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('erasures').select('erasures.id').whereRef('erasures.reference', '=', 'sessions.reference').where('erasures.level', 'in', levels))))
        .orderBy('updated_at')
        .limit(limit)
        .execute();
      return rows.map(sessionFromRow);
    },
    /** Finished sessions not yet fully erased whose callbacks are no longer pending (verify-then-forget). */
    async findFinishedNotErased(accountId: string, limit: number, optionsLike?: string): Promise<Session[]> {
      let q = db.selectFrom('sessions');
      // Without an account default only sessions that asked for it qualify: a LIKE narrows the scan.
      if (optionsLike) q = q.where('options_json', 'like', `%${optionsLike}%`);
      const rows = await q
        .selectAll()
        .where('account_id', '=', accountId)
        .where('state', 'in', FINISHED)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('erasures').select('erasures.id').whereRef('erasures.reference', '=', 'sessions.reference').where('erasures.level', '=', 'full'))))
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('callback_deliveries').select('callback_deliveries.id').whereRef('callback_deliveries.reference', '=', 'sessions.reference').where('callback_deliveries.state', '=', 'pending'))))
        .orderBy('updated_at')
        .limit(limit)
        .execute();
      return rows.map(sessionFromRow);
    },

    // --- per-session data keys (crypto-shredding) ---
    async getKey(scope: string): Promise<SessionKeyRow | undefined> {
      return db.selectFrom('session_keys').selectAll().where('scope', '=', scope).executeTakeFirst();
    },
    /** Inserts unless a key for the scope exists (two writers race: the first one wins, both read it back). */
    async insertKey(row: SessionKeyRow): Promise<SessionKeyRow> {
      await db.insertInto('session_keys').values(row).onConflict((oc) => oc.column('scope').doNothing()).execute();
      return (await db.selectFrom('session_keys').selectAll().where('scope', '=', row.scope).executeTakeFirstOrThrow());
    },
    async destroyKeys(scopes: string[], at: number): Promise<number> {
      if (!scopes.length) return 0;
      const r = await db.updateTable('session_keys').set({ wrapped: null, key_id: null, destroyed_at: at }).where('scope', 'in', scopes).where('wrapped', 'is not', null).executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    async findKeysNotOn(keyId: string, limit: number): Promise<SessionKeyRow[]> {
      return db.selectFrom('session_keys').selectAll().where('wrapped', 'is not', null).where('key_id', '<>', keyId).orderBy('scope').limit(limit).execute();
    },
    async rewrapKey(scope: string, wrapped: string, keyId: string): Promise<void> {
      await db.updateTable('session_keys').set({ wrapped, key_id: keyId }).where('scope', '=', scope).execute();
    },
  };
}
export type PrivacyRepository = ReturnType<typeof privacyRepository>;
