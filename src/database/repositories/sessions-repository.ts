import type { Db } from '../connect.ts';
import { WriteBatcher } from '../write-batcher.ts';
import type { SessionFilesTable, SessionsTable } from '../schema.ts';

export type SessionRow = SessionsTable;
export type SessionFileRow = SessionFilesTable;

/** Every read takes the account id: no key can reach another account's sessions. */
export function sessionsRepository(db: Db) {
  const batcher = new WriteBatcher(db);
  return {
    /** Session creation is the API's hottest write: it goes through group commit. */
    async insert(row: SessionRow, files: SessionFileRow[] = []): Promise<void> {
      await batcher.write(async (trx) => {
        await trx.insertInto('sessions').values(row).execute();
        if (files.length) await trx.insertInto('session_files').values(files).execute();
      });
    },
    async findForAccount(accountId: string, reference: string): Promise<SessionRow | undefined> {
      return db.selectFrom('sessions').selectAll().where('reference', '=', reference).where('account_id', '=', accountId).executeTakeFirst();
    },
    /** For the end-user pages, which hold the reference itself as their credential. */
    async findByReference(reference: string): Promise<SessionRow | undefined> {
      return db.selectFrom('sessions').selectAll().where('reference', '=', reference).executeTakeFirst();
    },
    async updateState(reference: string, fromStates: string[], state: string, at: number): Promise<boolean> {
      const r = await db
        .updateTable('sessions')
        .set({ state, updated_at: at })
        .where('reference', '=', reference)
        .where('state', 'in', fromStates)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async recordOutcome(reference: string, o: { state: string; success: boolean; failcode: number | null; at: number }): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ state: o.state, outcome_success: o.success ? 1 : 0, outcome_failcode: o.failcode, updated_at: o.at })
        .where('reference', '=', reference)
        .execute();
    },
    /** Live sessions whose expiry instant has passed (reusable links included: they just stop). */
    async findExpired(now: number, limit: number): Promise<SessionRow[]> {
      return db.selectFrom('sessions').selectAll().where('state', 'in', ['created', 'opened', 'in_progress']).where('expires_at', '<=', now).orderBy('expires_at').limit(limit).execute();
    },
    async insertFiles(rows: SessionFileRow[]): Promise<void> {
      if (rows.length) await db.insertInto('session_files').values(rows).execute();
    },
    async findFiles(accountId: string, reference: string): Promise<SessionFileRow[]> {
      return db.selectFrom('session_files').selectAll().where('reference', '=', reference).where('account_id', '=', accountId).orderBy('created_at').execute();
    },
  };
}
export type SessionsRepository = ReturnType<typeof sessionsRepository>;
