import { sql, type Kysely } from 'kysely';
import type { Db } from '../connect.ts';
import type { Database } from '../schema.ts';

/** Tables of migration 010 (declared here: only the portal and session defaults use them). */
export interface AccountSettingsTable {
  account_id: string;
  company_name: string | null;
  logo_key: string | null;
  logo_mime: string | null;
  defaults_json: string;
  updated_at: number;
  updated_by: string | null;
}

export interface PortalSessionFactsTable {
  reference: string;
  account_id: string;
  document_country: string | null;
  document_type: string | null;
  aml: number;
  near: number;
  session_updated_at: number;
}

type SettingsDb = Database & {
  account_settings: AccountSettingsTable;
  portal_session_facts: PortalSessionFactsTable;
  api_keys: Database['api_keys'] & { last_used_at: number | null };
};

/**
 * Account settings (company name, logo, default session options), API key usage times and the
 * portal's per-session facts. Every query is scoped to one account.
 */
export function portalSettingsRepository(rawDb: Db) {
  const db = rawDb as unknown as Kysely<SettingsDb>;
  return {
    async getSettings(accountId: string): Promise<AccountSettingsTable | undefined> {
      return db.selectFrom('account_settings').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    },
    async upsertSettings(row: AccountSettingsTable): Promise<void> {
      const { account_id, ...rest } = row;
      await db.insertInto('account_settings').values(row).onConflict((oc) => oc.column('account_id').doUpdateSet(rest)).execute();
    },
    /** Last-used times of the account's keys (id → epoch ms). */
    async keyLastUsed(accountId: string): Promise<Map<string, number>> {
      const rows = await db.selectFrom('api_keys').select(['id', 'last_used_at']).where('account_id', '=', accountId).where('last_used_at', 'is not', null).execute();
      return new Map(rows.map((r) => [r.id, Number(r.last_used_at)]));
    },
    async touchKey(id: string, at: number): Promise<void> {
      await db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at)])).execute();
    },
    /** Finished verification sessions whose facts are missing or older than the session row. */
    async findStaleFacts(accountId: string, limit: number): Promise<Array<{ reference: string; updated_at: number }>> {
      return db
        .selectFrom('sessions')
        .leftJoin('portal_session_facts as f', 'f.reference', 'sessions.reference')
        .select(['sessions.reference', 'sessions.updated_at'])
        .where('sessions.account_id', '=', accountId)
        .where('sessions.kind', '=', 'verification')
        .where('sessions.state', 'in', ['succeeded', 'failed'])
        .where((eb) => eb.or([eb('f.reference', 'is', null), eb('f.session_updated_at', '<', eb.ref('sessions.updated_at'))]))
        .orderBy('sessions.updated_at', 'desc')
        .limit(limit)
        .execute();
    },
    /** The latest stored result of each session (reference → storage key). */
    async latestResultKeys(references: string[]): Promise<Map<string, string>> {
      if (!references.length) return new Map();
      const rows = await db.selectFrom('verification_attempts').select(['reference', 'attempt', 'result_key']).where('reference', 'in', references).where('result_key', 'is not', null).orderBy('attempt').execute();
      return new Map(rows.map((r) => [r.reference, r.result_key!]));
    },
    async upsertFacts(rows: PortalSessionFactsTable[]): Promise<void> {
      if (!rows.length) return;
      await db
        .insertInto('portal_session_facts')
        .values(rows)
        .onConflict((oc) =>
          oc.column('reference').doUpdateSet((eb) => ({
            document_country: eb.ref('excluded.document_country'),
            document_type: eb.ref('excluded.document_type'),
            aml: eb.ref('excluded.aml'),
            near: eb.ref('excluded.near'),
            session_updated_at: eb.ref('excluded.session_updated_at'),
          })),
        )
        .execute();
    },
    /** An erased session keeps no document facts (its stored result is gone too). */
    async clearErasedFacts(accountId: string): Promise<void> {
      await db
        .updateTable('portal_session_facts')
        .set({ document_country: null, document_type: null, aml: 0, near: 0 })
        .where('account_id', '=', accountId)
        .where((eb) => eb.or([eb('document_country', 'is not', null), eb('document_type', 'is not', null), eb('aml', '=', 1), eb('near', '=', 1)]))
        .where('reference', 'in', sql<string>`(SELECT reference FROM erasures WHERE account_id = ${accountId})`)
        .execute();
    },
    async isErased(accountId: string, reference: string): Promise<boolean> {
      const r = await db.selectFrom('erasures').select('id').where('account_id', '=', accountId).where('reference', '=', reference).executeTakeFirst();
      return !!r;
    },
    /**
     * The review queue in SQL: finished sessions without a decision that have an AML hit, a check
     * near its threshold, or a reviewer's mark; newest first, one page at a time.
     */
    async findQueuePage(accountId: string, q: { amlOnly?: boolean; limit: number; offset: number }) {
      let s = db
        .selectFrom('sessions')
        .leftJoin('portal_session_facts as f', 'f.reference', 'sessions.reference')
        .leftJoin('review_marks as m', 'm.reference', 'sessions.reference')
        .where('sessions.account_id', '=', accountId)
        .where('sessions.kind', '=', 'verification')
        .where('sessions.state', 'in', ['succeeded', 'failed'])
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('reviews').select('reviews.id').whereRef('reviews.reference', '=', 'sessions.reference').where('reviews.account_id', '=', accountId))))
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('erasures').select('erasures.id').whereRef('erasures.reference', '=', 'sessions.reference'))));
      s = q.amlOnly ? s.where('f.aml', '=', 1) : s.where((eb) => eb.or([eb('f.aml', '=', 1), eb('f.near', '=', 1), eb('m.marked', '=', 1)]));
      const rows = await s
        .select(['sessions.reference', 'sessions.updated_at', 'f.aml', 'f.near', 'm.marked', 'm.assigned_to'])
        .orderBy('sessions.updated_at', 'desc')
        .orderBy('sessions.reference', 'desc')
        .limit(q.limit)
        .offset(q.offset)
        .execute();
      const n = await s.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const aml = q.amlOnly ? n : await s.where('f.aml', '=', 1).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { rows: rows.map((r) => ({ ...r, updated_at: Number(r.updated_at) })), total: Number(n.n), aml: Number(aml.n) };
    },
  };
}
export type PortalSettingsRepository = ReturnType<typeof portalSettingsRepository>;
