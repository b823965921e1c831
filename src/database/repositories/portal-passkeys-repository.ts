import type { Kysely } from 'kysely';
import type { Db } from '../connect.ts';
import type { Database } from '../schema.ts';

/** Migration 010: operators' WebAuthn credentials and the pending challenge of a portal session. */
export interface OperatorPasskeysTable {
  id: string;
  operator_id: string;
  account_id: string;
  name: string;
  /** COSE public key, base64url. */
  public_key: string;
  counter: number;
  transports: string | null;
  created_at: number;
  last_used_at: number | null;
}

export interface WebauthnChallengesTable {
  session_hash: string;
  purpose: 'register' | 'sign-in';
  challenge: string;
  expires_at: number;
}

type PasskeysDb = Database & { operator_passkeys: OperatorPasskeysTable; webauthn_challenges: WebauthnChallengesTable };

export function portalPasskeysRepository(rawDb: Db) {
  const db = rawDb as unknown as Kysely<PasskeysDb>;
  return {
    async findForOperator(operatorId: string): Promise<OperatorPasskeysTable[]> {
      const rows = await db.selectFrom('operator_passkeys').selectAll().where('operator_id', '=', operatorId).orderBy('created_at').execute();
      return rows.map((r) => ({ ...r, counter: Number(r.counter), created_at: Number(r.created_at), last_used_at: r.last_used_at === null ? null : Number(r.last_used_at) }));
    },
    async insert(row: OperatorPasskeysTable): Promise<void> {
      await db.insertInto('operator_passkeys').values(row).execute();
    },
    async markUsed(id: string, counter: number, at: number): Promise<void> {
      await db.updateTable('operator_passkeys').set({ counter, last_used_at: at }).where('id', '=', id).execute();
    },
    async remove(operatorId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('operator_passkeys').where('operator_id', '=', operatorId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async setChallenge(row: WebauthnChallengesTable): Promise<void> {
      const { session_hash, ...rest } = row;
      await db.insertInto('webauthn_challenges').values(row).onConflict((oc) => oc.column('session_hash').doUpdateSet(rest)).execute();
    },
    /** The pending challenge, taken (deleted) so it answers once. */
    async takeChallenge(sessionHash: string, purpose: WebauthnChallengesTable['purpose'], now: number): Promise<string | null> {
      const row = await db.selectFrom('webauthn_challenges').selectAll().where('session_hash', '=', sessionHash).executeTakeFirst();
      await db.deleteFrom('webauthn_challenges').where('session_hash', '=', sessionHash).execute();
      return row && row.purpose === purpose && Number(row.expires_at) > now ? row.challenge : null;
    },
  };
}
export type PortalPasskeysRepository = ReturnType<typeof portalPasskeysRepository>;
