import { sql, type Kysely, type Migration } from 'kysely';

/**
 * One verification attempt row per (session, attempt). With several workers a job whose lease
 * ran out while it was still running (a slow machine) can run twice at once; the second insert
 * now fails, the job retries and resumes from the first run's stored result, so a session never
 * counts an attempt twice. Duplicates left by earlier versions are dropped first (the earliest
 * row, the one the session's outcome came from, stays).
 */
export const productionMigration: Migration = {
  async up(db: Kysely<any>) {
    await sql`DELETE FROM verification_attempts WHERE id IN (
      SELECT a.id FROM verification_attempts a JOIN verification_attempts b
        ON a.reference = b.reference AND a.attempt = b.attempt
       AND (a.created_at > b.created_at OR (a.created_at = b.created_at AND a.id > b.id)))`.execute(db);
    await db.schema.createIndex('verification_attempts_ref_attempt_uq').on('verification_attempts').columns(['reference', 'attempt']).unique().execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('verification_attempts_ref_attempt_uq').execute();
  },
};
