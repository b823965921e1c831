import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, migrateToLatest, type DbHandle } from '../../src/database/connect.ts';
import { jobsRepository } from '../../src/database/repositories/jobs-repository.ts';
import { EmbeddedJobQueue } from '../../src/adapters/job-queue-sqlite.ts';
import { PgBossJobQueue } from '../../src/adapters/job-queue-pgboss.ts';
import type { JobPayload, JobQueue } from '../../src/ports/job-queue.ts';
import { createPostgresSchema, postgresReachable, POSTGRES_URL } from '../helpers/databases.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const logger = pino({ level: 'silent' });
const until = async (cond: () => boolean | Promise<boolean>, what: string, tries = 600) => {
  for (let i = 0; i < tries; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

type Env = { make: () => JobQueue; db: DbHandle; close: () => Promise<void> };
type Kind = { name: string; open: () => Promise<Env | null> };

const kinds: Kind[] = [
  {
    name: 'embedded on SQLite',
    open: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-jq-'));
      const db = connectDatabase({ dataDir: dir });
      await migrateToLatest(db.db);
      return {
        db,
        make: () => new EmbeddedJobQueue(jobsRepository(db.db), Date.now, logger, { concurrency: 2, pollMs: 200 }),
        close: async () => {
          await db.close();
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'pg-boss on PostgreSQL',
    open: async () => {
      if (!(await postgresReachable())) return null;
      const schema = await createPostgresSchema();
      const bossSchema = `b_${randomBytes(6).toString('hex')}`;
      const db = connectDatabase({ databaseUrl: schema.url, dataDir: os.tmpdir() });
      await migrateToLatest(db.db);
      return {
        db,
        make: () => new PgBossJobQueue({ connectionString: schema.url, schema: bossSchema, concurrency: 2, pollSeconds: 2 }, jobsRepository(db.db), logger),
        close: async () => {
          await db.close();
          await schema.drop();
          const c = new pg.Client({ connectionString: POSTGRES_URL });
          await c.connect();
          await c.query(`DROP SCHEMA IF EXISTS ${bossSchema} CASCADE`);
          await c.end();
        },
      };
    },
  },
];

describe.each(kinds)('JobQueue contract: $name', (kind) => {
  let env: Env | null = null;
  const queues: JobQueue[] = [];
  const open = (define: (q: JobQueue) => void) => {
    const q = env!.make();
    define(q);
    queues.push(q);
    return q;
  };
  beforeAll(async () => {
    env = await kind.open();
    if (!env) console.warn(`${kind.name}: PostgreSQL unreachable, contract not run`);
  });
  afterAll(async () => {
    for (const q of queues) await q.close();
    await env?.close();
  });

  it('runs an enqueued job with its typed payload, once per dedupe key', async (ctx) => {
    if (!env) return ctx.skip();
    const seen: JobPayload<'verify-session'>[] = [];
    const q = open((q) => q.define({ name: 'verify-session', handle: async (p, run) => void seen.push({ ...p, attempt: p.attempt + 0 * run.attempts }) }));
    await q.start();
    expect(await q.enqueue('verify-session', { reference: 'R1', attempt: 1 }, { dedupeKey: 'verify-session:R1:1' })).toBe(true);
    expect(await q.enqueue('verify-session', { reference: 'R1', attempt: 1 }, { dedupeKey: 'verify-session:R1:1' })).toBe(false);
    await until(() => seen.length >= 1, 'the job');
    await q.enqueue('verify-session', { reference: 'R2', attempt: 1 });
    await until(() => seen.length >= 2, 'the second job');
    await q.stop();
    expect(seen.map((s) => s.reference).sort()).toEqual(['R1', 'R2']);
    // A payload of the wrong shape does not compile, and is refused at run time too.
    // @ts-expect-error reference must be a string
    await expect(q.enqueue('verify-session', { reference: 1, attempt: 1 })).rejects.toThrow();
  });

  it('retries a failing job up to maxAttempts, then calls onGiveUp once', async (ctx) => {
    if (!env) return ctx.skip();
    let tries = 0;
    const gaveUp: string[] = [];
    const q = open((q) =>
      q.define({
        name: 'deliver-callback',
        maxAttempts: 3,
        retryDelayMs: 0,
        handle: async () => {
          tries++;
          throw new Error('receiver down');
        },
        onGiveUp: async (p, e) => void gaveUp.push(`${p.deliveryId}:${e.message}`),
      }),
    );
    await q.start();
    await q.enqueue('deliver-callback', { deliveryId: 'cb_x', trigger: 'schedule' });
    await until(() => gaveUp.length === 1, 'give-up');
    await q.stop();
    expect(tries).toBe(3);
    expect(gaveUp).toEqual(['cb_x:receiver down']);
  });

  it('spreads jobs over two queue instances (two processes) and runs each exactly once', async (ctx) => {
    if (!env) return ctx.skip();
    const runs = new Map<string, number>();
    const handle = async (p: JobPayload<'verify-session'>) => {
      await new Promise((r) => setTimeout(r, 5));
      runs.set(p.reference, (runs.get(p.reference) ?? 0) + 1);
    };
    const a = open((q) => q.define({ name: 'verify-session', handle }));
    const b = open((q) => q.define({ name: 'verify-session', handle }));
    await a.start();
    await b.start();
    const refs = Array.from({ length: 30 }, (_, i) => `M${i}`);
    await Promise.all(refs.map((r, i) => (i % 2 ? a : b).enqueue('verify-session', { reference: r, attempt: 1 }, { dedupeKey: `m:${r}` })));
    await until(() => runs.size === refs.length, 'all jobs');
    await a.stop();
    await b.stop();
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
  });

  it('keeps a job due later queued (stats show it) and runs a row written inside a transaction on nudge', async (ctx) => {
    if (!env) return ctx.skip();
    const seen: string[] = [];
    const q = open((q) => q.define({ name: 'deliver-callback', handle: async (p) => void seen.push(p.deliveryId) }));
    await q.start();
    await q.enqueue('deliver-callback', { deliveryId: 'later', trigger: 'schedule' }, { runAt: Date.now() + 3_600_000, dedupeKey: `later:${randomUUID()}` });
    // What callbacks-repository.finishSession does: the job row is part of the session's transaction.
    const now = Date.now();
    await jobsRepository(env!.db.db).insert({ id: randomUUID(), name: 'deliver-callback', payload_json: JSON.stringify({ deliveryId: 'from-trx', trigger: 'schedule' }), dedupe_key: `trx:${randomUUID()}`, state: 'queued', run_at: now, locked_until: null, attempts: 0, last_error: null, created_at: now, updated_at: now });
    q.nudge();
    await until(() => seen.includes('from-trx'), 'the transactional job');
    const stats = await q.stats();
    expect(stats.find((s) => s.name === 'deliver-callback')?.queued).toBeGreaterThanOrEqual(1);
    expect(seen).not.toContain('later');
    expect(await q.ping()).toBe(true);
    await q.stop();
  });

  it('stop() waits for the running job to finish', async (ctx) => {
    if (!env) return ctx.skip();
    let release!: () => void;
    let finished = false;
    let started = false;
    const q = open((q) =>
      q.define({
        name: 'verify-session',
        handle: async () => {
          started = true;
          await new Promise<void>((r) => (release = r));
          finished = true;
        },
      }),
    );
    await q.start();
    await q.enqueue('verify-session', { reference: 'S1', attempt: 1 }, { dedupeKey: `s:${randomUUID()}` });
    await until(() => started, 'the job to start');
    const stopping = q.stop();
    setTimeout(() => release(), 100);
    await stopping;
    expect(finished).toBe(true);
  });
});
