import type { Db } from '../connect.ts';

export type SessionSummary = {
  reference: string;
  account_id: string;
  kind: string;
  type: number;
  state: string;
  attempts: number;
  outcome_success: number | null;
  outcome_failcode: number | null;
  parent_reference: string | null;
  created_at: number;
  updated_at: number;
  expires_at: number;
};

/** Read-only listings for the operator CLI (plain columns only: no options, custom ids or payloads). */
export function cliListingRepository(db: Db) {
  const sessionColumns = ['reference', 'account_id', 'kind', 'type', 'state', 'attempts', 'outcome_success', 'outcome_failcode', 'parent_reference', 'created_at', 'updated_at', 'expires_at'] as const;
  return {
    async findRecentSessions(opts: { accountId?: string; state?: string; limit: number }): Promise<SessionSummary[]> {
      let q = db.selectFrom('sessions').select(sessionColumns).orderBy('created_at', 'desc').limit(opts.limit);
      if (opts.accountId) q = q.where('account_id', '=', opts.accountId);
      if (opts.state) q = q.where('state', '=', opts.state);
      return q.execute() as Promise<SessionSummary[]>;
    },
    async findSession(reference: string): Promise<SessionSummary | undefined> {
      return db.selectFrom('sessions').select(sessionColumns).where('reference', '=', reference).executeTakeFirst() as Promise<SessionSummary | undefined>;
    },
    async findRecentDeliveries(opts: { accountId?: string; state?: string; limit: number }) {
      let q = db.selectFrom('callback_deliveries').select(['id', 'reference', 'account_id', 'url', 'state', 'attempts', 'next_attempt_at', 'created_at', 'updated_at']).orderBy('created_at', 'desc').limit(opts.limit);
      if (opts.accountId) q = q.where('account_id', '=', opts.accountId);
      if (opts.state) q = q.where('state', '=', opts.state as 'pending' | 'delivered' | 'failed');
      return q.execute();
    },
  };
}

/** The session a CLI argument names (references are typed in any case), or an error the CLI prints. */
export async function getSessionForCli(db: Db, reference: string): Promise<SessionSummary> {
  const ref = reference.trim().toUpperCase();
  const s = await cliListingRepository(db).findSession(ref);
  if (!s) throw new Error(`no session ${ref}`);
  return s;
}
