import { sql } from 'kysely';
import type { Db } from '../connect.ts';

/**
 * Cluster-wide figures for /ready and /metrics, read from the database so every process (API or
 * worker) reports the same totals, whichever of them did the work.
 */
export function opsRepository(db: Db) {
  return {
    async ping(): Promise<void> {
      await sql`SELECT 1`.execute(db);
    },
    /** Ended verification sessions by outcome and fail code. */
    async verificationOutcomes(): Promise<{ state: string; failcode: number | null; n: number }[]> {
      const rows = await db
        .selectFrom('sessions')
        .select((eb) => ['state', 'outcome_failcode', eb.fn.countAll<number>().as('n')])
        .where('kind', '=', 'verification')
        .where('state', 'in', ['succeeded', 'failed', 'expired', 'cancelled'])
        .groupBy(['state', 'outcome_failcode'])
        .execute();
      return rows.map((r) => ({ state: r.state, failcode: r.outcome_failcode, n: Number(r.n) }));
    },
    /** Callback attempts: delivered (HTTP 200) or not. */
    async callbackAttempts(): Promise<{ delivered: number; failed: number }> {
      const rows = await db
        .selectFrom('callback_attempts')
        .select((eb) => [eb.fn.countAll<number>().as('n'), sql<number>`sum(case when status_code = 200 then 1 else 0 end)`.as('ok')])
        .execute();
      const n = Number(rows[0]?.n ?? 0);
      const ok = Number(rows[0]?.ok ?? 0);
      return { delivered: ok, failed: n - ok };
    },
    async amlListSizes(): Promise<{ database: string; entities: number }[]> {
      const rows = await db.selectFrom('aml_lists').select(['database', 'entity_count']).execute();
      return rows.map((r) => ({ database: r.database, entities: Number(r.entity_count) }));
    },
  };
}
export type OpsRepository = ReturnType<typeof opsRepository>;
