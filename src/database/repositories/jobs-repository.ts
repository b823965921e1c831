import type { Db } from '../connect.ts';
import type { JobsTable } from '../schema.ts';

export type JobRow = JobsTable;

/**
 * The durable queue's queries. Claiming is a conditional UPDATE on a queued row, which is
 * atomic on both SQLite and PostgreSQL: two workers can never both win the same job.
 */
export function jobsRepository(db: Db) {
  return {
    /** Inserts unless a job with the same dedupe key already exists; returns whether it was new. */
    async insert(row: JobRow): Promise<boolean> {
      const r = await db
        .insertInto('jobs')
        .values(row)
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async findDue(now: number, limit: number): Promise<JobRow[]> {
      return db.selectFrom('jobs').selectAll().where('state', '=', 'queued').where('run_at', '<=', now).orderBy('run_at').limit(limit).execute();
    },
    async claim(id: string, now: number, leaseMs: number): Promise<boolean> {
      const r = await db
        .updateTable('jobs')
        .set((eb) => ({ state: 'running', locked_until: now + leaseMs, attempts: eb('attempts', '+', 1), updated_at: now }))
        .where('id', '=', id)
        .where('state', '=', 'queued')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async finish(id: string, state: 'done' | 'failed', now: number, error?: string): Promise<void> {
      await db.updateTable('jobs').set({ state, locked_until: null, updated_at: now, last_error: error ?? null }).where('id', '=', id).execute();
    },
    async requeue(id: string, runAt: number, now: number, error: string): Promise<void> {
      await db.updateTable('jobs').set({ state: 'queued', run_at: runAt, locked_until: null, updated_at: now, last_error: error }).where('id', '=', id).execute();
    },
    /** Jobs whose worker died (kill -9) go back to the queue once their lease runs out. */
    async recoverExpiredLeases(now: number): Promise<number> {
      const r = await db.updateTable('jobs').set({ state: 'queued', locked_until: null, updated_at: now }).where('state', '=', 'running').where('locked_until', '<', now).executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    /** Waiting and running jobs per name, and the oldest due run time (metrics). */
    async stats(): Promise<{ name: string; state: string; n: number; oldest: number | null }[]> {
      const rows = await db
        .selectFrom('jobs')
        .select((eb) => ['name', 'state', eb.fn.countAll<number>().as('n'), eb.fn.min<number>('run_at').as('oldest')])
        .where('state', 'in', ['queued', 'running'])
        .groupBy(['name', 'state'])
        .execute();
      return rows.map((r) => ({ name: r.name, state: r.state, n: Number(r.n), oldest: r.oldest === null ? null : Number(r.oldest) }));
    },
    async ping(): Promise<void> {
      await db.selectFrom('jobs').select('id').limit(1).execute();
    },
  };
}
export type JobsRepository = ReturnType<typeof jobsRepository>;
