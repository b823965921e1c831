import type { Db } from '../connect.ts';
import type { OperatorsTable } from '../schema.ts';

export type OperatorRow = OperatorsTable;
export type OperatorRole = OperatorRow['role'];

/** Operators of the portal. Reads that serve a signed-in operator always take the account id. */
export function operatorsRepository(db: Db) {
  return {
    async insert(row: OperatorRow): Promise<void> {
      await db.insertInto('operators').values(row).execute();
    },
    async findByEmail(email: string): Promise<OperatorRow | undefined> {
      return db.selectFrom('operators').selectAll().where('email', '=', email).executeTakeFirst();
    },
    async findById(id: string): Promise<OperatorRow | undefined> {
      return db.selectFrom('operators').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async findBySetupToken(tokenHash: string): Promise<OperatorRow | undefined> {
      return db.selectFrom('operators').selectAll().where('setup_token_hash', '=', tokenHash).executeTakeFirst();
    },
    async findAll(accountId?: string): Promise<OperatorRow[]> {
      let q = db.selectFrom('operators').selectAll();
      if (accountId) q = q.where('account_id', '=', accountId);
      return q.orderBy('created_at').execute();
    },
    async update(id: string, set: Partial<Omit<OperatorRow, 'id' | 'account_id' | 'created_at'>>): Promise<void> {
      await db.updateTable('operators').set(set).where('id', '=', id).execute();
    },
    /** Counts a wrong password in one statement (concurrent attempts cannot lose a count). */
    async recordFailure(id: string, at: number, lockAfter: number, lockUntil: number): Promise<number> {
      await db
        .updateTable('operators')
        .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1), updated_at: at }))
        .where('id', '=', id)
        .execute();
      const row = await db.selectFrom('operators').select('failed_attempts').where('id', '=', id).executeTakeFirstOrThrow();
      if (row.failed_attempts >= lockAfter) await db.updateTable('operators').set({ locked_until: lockUntil }).where('id', '=', id).execute();
      return row.failed_attempts;
    },
  };
}
export type OperatorsRepository = ReturnType<typeof operatorsRepository>;
