import type { Db } from '../connect.ts';
import type { CallbackAttemptsTable, CallbackDeliveriesTable, JobsTable } from '../schema.ts';

export type DeliveryRow = CallbackDeliveriesTable;
export type AttemptRow = CallbackAttemptsTable;

export type SessionOutcome = { reference: string; state: 'succeeded' | 'failed' | 'expired'; success: boolean; failcode: number | null; at: number; fromStates: string[] };

export function callbacksRepository(db: Db) {
  return {
    /**
     * Records a session's final outcome, its callback delivery and the job that sends it in one
     * transaction: a crash leaves either all three or none. Returns false (and writes nothing)
     * when the session was no longer in one of `fromStates` — someone else finished it first.
     */
    async finishSession(outcome: SessionOutcome, delivery: DeliveryRow | null, job: JobsTable | null): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('sessions')
          .set({ state: outcome.state, outcome_success: outcome.success ? 1 : 0, outcome_failcode: outcome.failcode, updated_at: outcome.at })
          .where('reference', '=', outcome.reference)
          .where('state', 'in', outcome.fromStates)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false;
        if (delivery) await trx.insertInto('callback_deliveries').values(delivery).execute();
        if (job) await trx.insertInto('jobs').values(job).execute();
        return true;
      });
    },
    async getDelivery(id: string): Promise<DeliveryRow | undefined> {
      return db.selectFrom('callback_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async findDeliveries(accountId: string, reference: string): Promise<DeliveryRow[]> {
      return db.selectFrom('callback_deliveries').selectAll().where('account_id', '=', accountId).where('reference', '=', reference).orderBy('created_at').execute();
    },
    async findAttempts(deliveryIds: string[]): Promise<AttemptRow[]> {
      if (deliveryIds.length === 0) return [];
      return db.selectFrom('callback_attempts').selectAll().where('delivery_id', 'in', deliveryIds).orderBy('started_at').orderBy('attempt').execute();
    },
    async insertAttempt(row: AttemptRow): Promise<void> {
      await db.insertInto('callback_attempts').values(row).execute();
    },
    async updateDelivery(id: string, set: Partial<Pick<DeliveryRow, 'state' | 'attempts' | 'next_attempt_at' | 'updated_at'>>): Promise<void> {
      await db.updateTable('callback_deliveries').set(set).where('id', '=', id).execute();
    },
  };
}
export type CallbacksRepository = ReturnType<typeof callbacksRepository>;
