import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The integration suites run once per dialect. PostgreSQL comes from IDGATE_TEST_POSTGRES_URL
 * (set by .ci/run) or the machine's default server; each suite gets a schema of its own.
 * Outside CI a missing server skips the PostgreSQL half with a message; in CI it fails.
 */
export const POSTGRES_URL = process.env.IDGATE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let reachable: boolean | undefined;
export async function postgresReachable(): Promise<boolean> {
  if (reachable !== undefined) return reachable;
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    reachable = true;
  } catch (e) {
    if (process.env.CI) throw new Error(`PostgreSQL is required in CI but unreachable at ${POSTGRES_URL}: ${(e as Error).message}`);
    console.warn(`PostgreSQL unreachable at ${POSTGRES_URL}; PostgreSQL integration tests are skipped`);
    reachable = false;
  }
  return reachable;
}

/** A fresh schema; the returned URL points the pool's search_path at it. */
export async function createPostgresSchema(): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const u = new URL(POSTGRES_URL);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.query(`DROP SCHEMA IF EXISTS ${schema}_pgboss CASCADE`); // pg-boss's, the default on PostgreSQL
      await c.end();
    },
  };
}

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];
