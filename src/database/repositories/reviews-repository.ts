import type { Db } from '../connect.ts';
import type { ReviewMarksTable, ReviewsTable } from '../schema.ts';

export type ReviewRow = ReviewsTable;
export type ReviewMarkRow = ReviewMarksTable;

/** Review decisions (kept, one row per decision) and the queue's marks and assignments. */
export function reviewsRepository(db: Db) {
  return {
    async insert(row: ReviewRow): Promise<void> {
      await db.insertInto('reviews').values(row).execute();
    },
    async findForReference(accountId: string, reference: string): Promise<ReviewRow[]> {
      return db.selectFrom('reviews').selectAll().where('account_id', '=', accountId).where('reference', '=', reference).orderBy('created_at').execute();
    },
    async findForReferences(accountId: string, references: string[]): Promise<ReviewRow[]> {
      if (!references.length) return [];
      return db.selectFrom('reviews').selectAll().where('account_id', '=', accountId).where('reference', 'in', references).orderBy('created_at').execute();
    },
    async findMarks(accountId: string, references?: string[]): Promise<ReviewMarkRow[]> {
      let q = db.selectFrom('review_marks').selectAll().where('account_id', '=', accountId);
      if (references) {
        if (!references.length) return [];
        q = q.where('reference', 'in', references);
      }
      return q.execute();
    },
    async upsertMark(row: ReviewMarkRow): Promise<void> {
      await db
        .insertInto('review_marks')
        .values(row)
        .onConflict((oc) => oc.column('reference').doUpdateSet({ assigned_to: row.assigned_to, marked: row.marked, updated_at: row.updated_at }))
        .execute();
    },
  };
}
export type ReviewsRepository = ReturnType<typeof reviewsRepository>;
