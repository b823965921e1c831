import type { Db } from '../connect.ts';
import type { AccountsTable, ApiKeysTable } from '../schema.ts';

export type Account = AccountsTable;
export type ApiKeyRow = ApiKeysTable;

export function accountsRepository(db: Db) {
  return {
    async insertAccount(a: Account): Promise<void> {
      await db.insertInto('accounts').values(a).execute();
    },
    async getAccount(id: string): Promise<Account | undefined> {
      return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async insertKey(k: ApiKeyRow): Promise<void> {
      await db.insertInto('api_keys').values(k).execute();
    },
    /** The key and its account in one query: this runs on every API request. */
    async findActiveAccountByKeyHash(keyHash: string): Promise<(Account & { key_id: string }) | undefined> {
      return db
        .selectFrom('api_keys')
        .innerJoin('accounts', 'accounts.id', 'api_keys.account_id')
        .selectAll('accounts')
        .select('api_keys.id as key_id')
        .where('api_keys.key_hash', '=', keyHash)
        .where('api_keys.revoked_at', 'is', null)
        .executeTakeFirst();
    },
    async findKeyByHash(keyHash: string): Promise<ApiKeyRow | undefined> {
      return db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
    },
    async findKeys(): Promise<ApiKeyRow[]> {
      return db.selectFrom('api_keys').selectAll().orderBy('created_at').execute();
    },
    async countActiveKeys(): Promise<number> {
      const r = await db.selectFrom('api_keys').select((eb) => eb.fn.countAll<number>().as('n')).where('revoked_at', 'is', null).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async revokeKey(id: string, at: number): Promise<boolean> {
      const r = await db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
export type AccountsRepository = ReturnType<typeof accountsRepository>;
