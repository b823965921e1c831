import type { Db } from '../connect.ts';
import { WriteBatcher } from '../write-batcher.ts';
import type { SessionFilesTable, SessionsTable } from '../schema.ts';
import type { CreateOptions, SignOptions } from '../../domain/session/create-options.ts';
import { OPEN_STATES, isSessionState, transitionFrom, type SessionState } from '../../domain/session/session-state.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';

/** The stored form (one table row); only the database layer and privacy's raw scrubbing see it. */
export type SessionRow = SessionsTable;
export type SessionFileRow = SessionFilesTable;

type SessionCommon = Omit<SessionsTable, 'kind' | 'state' | 'options_json'> & { state: SessionState };
export type VerificationSession = SessionCommon & { kind: 'verification'; options: CreateOptions };
export type SignatureSession = SessionCommon & { kind: 'signature'; options: SignOptions };
/** A session as services see it: options parsed and typed, the state one of the domain's states. */
export type Session = VerificationSession | SignatureSession;

/** Stored row → typed entity. Options were validated when the session was created. */
export function sessionFromRow(row: SessionRow): Session {
  const { options_json, state, ...rest } = row;
  if (!isSessionState(state)) throw new Error(`session ${row.reference} has an unknown state "${state}"`);
  const options = JSON.parse(options_json) as unknown;
  return row.kind === 'signature'
    ? { ...rest, kind: 'signature', state, options: options as SignOptions }
    : { ...rest, kind: 'verification', state, options: options as CreateOptions };
}

export function sessionToRow(session: Session): SessionRow {
  const { options, ...rest } = session;
  return { ...rest, options_json: JSON.stringify(options) };
}

const notFound = (reference: string) => new DomainError(ErrorCode.InvalidValue, `Invalid value for \`reference\`: no session ${reference}`);

/**
 * Sessions at the repository edge: typed `Session` in and out. `get*` throws not-found, `find*`
 * returns undefined or a list. Reads by account take the account id: no key can reach another
 * account's sessions. Every state change is checked against the domain's transition table.
 */
export function sessionsRepository(db: Db) {
  const batcher = new WriteBatcher(db);
  const one = async (q: Promise<SessionRow | undefined>) => {
    const row = await q;
    return row ? sessionFromRow(row) : undefined;
  };
  const repo = {
    /** Session creation is the API's hottest write: it goes through group commit. */
    async insert(session: Session, files: SessionFileRow[] = []): Promise<void> {
      const row = sessionToRow(session);
      await batcher.write(async (trx) => {
        await trx.insertInto('sessions').values(row).execute();
        if (files.length) await trx.insertInto('session_files').values(files).execute();
      });
    },
    findForAccount(accountId: string, reference: string): Promise<Session | undefined> {
      return one(db.selectFrom('sessions').selectAll().where('reference', '=', reference).where('account_id', '=', accountId).executeTakeFirst());
    },
    async getForAccount(accountId: string, reference: string): Promise<Session> {
      const s = await repo.findForAccount(accountId, reference);
      if (!s) throw notFound(reference);
      return s;
    },
    /** For the end-user pages, which hold the reference itself as their credential. */
    findByReference(reference: string): Promise<Session | undefined> {
      return one(db.selectFrom('sessions').selectAll().where('reference', '=', reference).executeTakeFirst());
    },
    async getByReference(reference: string): Promise<Session> {
      const s = await repo.findByReference(reference);
      if (!s) throw notFound(reference);
      return s;
    },
    /** Moves the session to `state` if it is in one of `fromStates`; false when it was not. */
    async updateState(reference: string, fromStates: readonly SessionState[], state: SessionState, at: number): Promise<boolean> {
      const r = await db
        .updateTable('sessions')
        .set({ state, updated_at: at })
        .where('reference', '=', reference)
        .where('state', 'in', transitionFrom(fromStates, state))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** Ends an open session with its outcome (the callback path uses callbacks.finishSession instead). */
    async recordOutcome(reference: string, o: { state: 'succeeded' | 'failed' | 'expired'; success: boolean; failcode: number | null; at: number }): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ state: o.state, outcome_success: o.success ? 1 : 0, outcome_failcode: o.failcode, updated_at: o.at })
        .where('reference', '=', reference)
        .where('state', 'in', transitionFrom(OPEN_STATES, o.state))
        .execute();
    },
    /** Live sessions whose expiry instant has passed (reusable links included: they just stop). */
    async findExpired(now: number, limit: number): Promise<Session[]> {
      const rows = await db.selectFrom('sessions').selectAll().where('state', 'in', OPEN_STATES).where('expires_at', '<=', now).orderBy('expires_at').limit(limit).execute();
      return rows.map(sessionFromRow);
    },
    async insertFiles(rows: SessionFileRow[]): Promise<void> {
      if (rows.length) await db.insertInto('session_files').values(rows).execute();
    },
    async findFiles(accountId: string, reference: string): Promise<SessionFileRow[]> {
      return db.selectFrom('session_files').selectAll().where('reference', '=', reference).where('account_id', '=', accountId).orderBy('created_at').execute();
    },
  };
  return repo;
}
export type SessionsRepository = ReturnType<typeof sessionsRepository>;
