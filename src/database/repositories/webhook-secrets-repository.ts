import type { Db } from '../connect.ts';
import type { WebhookSecretRotationsTable } from '../schema.ts';

export type WebhookSecretRotation = WebhookSecretRotationsTable;

/** The account's Standard Webhooks secret and the one it replaced (during the overlap). */
export function webhookSecretsRepository(db: Db) {
  return {
    async getRotation(accountId: string): Promise<WebhookSecretRotation | undefined> {
      return db.selectFrom('webhook_secret_rotations').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    },
    /**
     * Installs a new secret and keeps the current one as the previous until `validUntil`, in one
     * transaction. Returns false when the account's secret is no longer `expectedCurrent` (two
     * rotations at once: the later one must start from the newer secret).
     */
    async rotate(accountId: string, expectedCurrent: string, next: string, validUntil: number, at: number): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const r = await trx.updateTable('accounts').set({ webhook_secret: next }).where('id', '=', accountId).where('webhook_secret', '=', expectedCurrent).executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false;
        await trx.deleteFrom('webhook_secret_rotations').where('account_id', '=', accountId).execute();
        await trx.insertInto('webhook_secret_rotations').values({ account_id: accountId, previous_secret: expectedCurrent, previous_valid_until: validUntil, rotated_at: at }).execute();
        return true;
      });
    },
  };
}
export type WebhookSecretsRepository = ReturnType<typeof webhookSecretsRepository>;
