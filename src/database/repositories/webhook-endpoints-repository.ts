import type { Db } from '../connect.ts';
import type { CallbackDeliveriesTable, WebhookEndpointsTable } from '../schema.ts';

export type WebhookEndpointRow = WebhookEndpointsTable;

/** Where an account's Standard Webhooks events (e.g. `verification.reviewed`) go. */
export function webhookEndpointsRepository(db: Db) {
  return {
    async insert(row: WebhookEndpointRow): Promise<void> {
      await db.insertInto('webhook_endpoints').values(row).execute();
    },
    async find(accountId: string): Promise<WebhookEndpointRow[]> {
      return db.selectFrom('webhook_endpoints').selectAll().where('account_id', '=', accountId).orderBy('created_at').execute();
    },
    async disable(accountId: string, id: string, at: number): Promise<boolean> {
      const r = await db.updateTable('webhook_endpoints').set({ disabled_at: at }).where('account_id', '=', accountId).where('id', '=', id).where('disabled_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** An event delivery rides the callback delivery log (same attempts, retries and resend). */
    async insertDelivery(row: CallbackDeliveriesTable): Promise<void> {
      await db.insertInto('callback_deliveries').values(row).execute();
    },
  };
}
export type WebhookEndpointsRepository = ReturnType<typeof webhookEndpointsRepository>;
