import type { Db } from '../connect.ts';
import type { CaptureStateTable, PhoneVerificationsTable, SessionFilesTable } from '../schema.ts';

export type PhoneVerificationRow = PhoneVerificationsTable;
export type CaptureStateRow = CaptureStateTable;

/** Queries behind the end-user capture app: upload tokens, capture flags, phone codes, uploaded files. */
export function captureRepository(db: Db) {
  return {
    async insertToken(tokenHash: string, reference: string, expiresAt: number, now: number): Promise<void> {
      // Expired tokens are swept on each issue, so the table stays the size of the live sessions.
      await db.deleteFrom('capture_tokens').where('expires_at', '<', now).execute();
      await db.insertInto('capture_tokens').values({ token_hash: tokenHash, reference, expires_at: expiresAt }).execute();
    },
    async findToken(tokenHash: string): Promise<{ reference: string; expires_at: number } | undefined> {
      return db.selectFrom('capture_tokens').select(['reference', 'expires_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
    },
    async getState(reference: string): Promise<CaptureStateRow | undefined> {
      return db.selectFrom('capture_state').selectAll().where('reference', '=', reference).executeTakeFirst();
    },
    async upsertState(row: CaptureStateRow): Promise<void> {
      await db
        .insertInto('capture_state')
        .values(row)
        .onConflict((oc) => oc.column('reference').doUpdateSet({ back_not_needed: row.back_not_needed, video_challenge: row.video_challenge, updated_at: row.updated_at }))
        .execute();
    },
    async insertFiles(rows: SessionFilesTable[]): Promise<void> {
      if (rows.length) await db.insertInto('session_files').values(rows).execute();
    },
    async getPhone(reference: string): Promise<PhoneVerificationRow | undefined> {
      return db.selectFrom('phone_verifications').selectAll().where('reference', '=', reference).executeTakeFirst();
    },
    async upsertPhone(row: PhoneVerificationRow): Promise<void> {
      const { reference, ...rest } = row;
      await db.insertInto('phone_verifications').values(row).onConflict((oc) => oc.column('reference').doUpdateSet(rest)).execute();
    },
    /** Counts a code attempt atomically, so parallel guesses cannot exceed the limit. */
    async countAttempt(reference: string, maxAttempts: number, now: number): Promise<boolean> {
      const r = await db
        .updateTable('phone_verifications')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), updated_at: now }))
        .where('reference', '=', reference)
        .where('attempts', '<', maxAttempts)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
export type CaptureRepository = ReturnType<typeof captureRepository>;
