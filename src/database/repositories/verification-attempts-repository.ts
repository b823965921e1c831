import type { Db } from '../connect.ts';
import type { VerificationAttemptsTable } from '../schema.ts';

export type VerificationAttemptRow = VerificationAttemptsTable;

/** One row per verification run of a session; the latest failure is what the app shows. */
export function verificationAttemptsRepository(db: Db) {
  return {
    async insert(row: VerificationAttemptRow): Promise<void> {
      await db.insertInto('verification_attempts').values(row).execute();
    },
    async findForReference(reference: string): Promise<VerificationAttemptRow[]> {
      return db.selectFrom('verification_attempts').selectAll().where('reference', '=', reference).orderBy('attempt').execute();
    },
    async incrementSessionAttempts(reference: string, at: number): Promise<void> {
      await db
        .updateTable('sessions')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), updated_at: at }))
        .where('reference', '=', reference)
        .execute();
    },
  };
}
export type VerificationAttemptsRepository = ReturnType<typeof verificationAttemptsRepository>;
