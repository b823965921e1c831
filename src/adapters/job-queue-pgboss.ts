import { createHash } from 'node:crypto';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { JobsRepository } from '../database/repositories/jobs-repository.ts';
import { JOB_PAYLOADS, type EnqueueOptions, type JobDefinition, type JobName, type JobPayload, type JobQueue, type QueueStats } from '../ports/job-queue.ts';

type AnyDef = JobDefinition<JobName>;
const CHANNEL = 'idgate_jobs';

/** A dedupe key becomes the job's id, so a second enqueue of it is a no-op in PostgreSQL itself. */
export function jobIdFor(dedupeKey: string): string {
  const h = createHash('sha256').update(`idgate job ${dedupeKey}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Jobs on PostgreSQL through pg-boss (v10: SKIP LOCKED claims, retries, expiry of jobs whose
 * worker died, archiving). pg-boss polls; so that a job starts within milliseconds on any
 * worker, every enqueue of a due job also sends NOTIFY on `idgate_jobs`, and every process
 * LISTENs and wakes its pg-boss workers for that queue.
 *
 * Rows some services write into idgate's own `jobs` table inside a transaction (a finished
 * session's first callback) are relayed into pg-boss on nudge() and on a timer; the relay uses
 * the row's dedupe key (or id) as the pg-boss job id, so relaying twice queues once.
 */
export class PgBossJobQueue implements JobQueue {
  private readonly boss: PgBoss;
  private readonly defs = new Map<string, AnyDef>();
  private readonly workers = new Map<string, string[]>();
  private listener: pg.Client | undefined;
  private started = false;
  private bossStarted: Promise<void> | undefined;
  private relayTimer: NodeJS.Timeout | undefined;
  private relaying: Promise<void> | undefined;
  private closed = false;
  private active = 0;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly opts: { connectionString: string; schema: string; concurrency: number; pollSeconds?: number; clock?: () => number },
    private readonly repo: JobsRepository,
    private readonly logger: Logger,
  ) {
    this.boss = new PgBoss({
      connectionString: opts.connectionString,
      schema: opts.schema,
      max: 4,
      // Expired leases (a SIGKILLed worker) go back to the queue at the next maintenance pass.
      maintenanceIntervalSeconds: 15,
      application_name: 'idgate',
    });
    this.boss.on('error', (e) => this.logger.error({ err: e }, 'pg-boss error'));
  }

  define<N extends JobName>(def: JobDefinition<N>): void {
    this.defs.set(def.name, def as unknown as AnyDef);
  }

  /** Starts pg-boss (creates its schema on first use) without taking jobs: API processes enqueue only. */
  private ensureBoss(): Promise<void> {
    this.bossStarted ??= (async () => {
      await this.boss.start();
      for (const name of Object.keys(JOB_PAYLOADS)) await createQueueRetrying(this.boss, name);
    })().catch((e) => {
      // A failed start is not cached: the next enqueue or start tries again.
      this.bossStarted = undefined;
      throw e;
    });
    return this.bossStarted;
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, opts: EnqueueOptions = {}): Promise<boolean> {
    JOB_PAYLOADS[name].parse(payload);
    await this.ensureBoss();
    const def = this.defs.get(name);
    // runAt is on idgate's clock (injected, moved forward by tests); pg-boss compares start_after with
    // PostgreSQL's now(), so only the delay crosses over.
    const delayMs = opts.runAt ? opts.runAt - (this.opts.clock?.() ?? Date.now()) : 0;
    const id = await this.boss.send(name, payload as object, {
      ...(opts.dedupeKey ? { id: jobIdFor(opts.dedupeKey) } : {}),
      ...(delayMs > 0 ? { startAfter: new Date(Date.now() + delayMs) } : {}),
      retryLimit: Math.max(0, (def?.maxAttempts ?? 5) - 1),
      retryDelay: Math.ceil((def?.retryDelayMs ?? 30_000) / 1000),
      retryBackoff: false,
      expireInSeconds: Math.max(1, Math.ceil((def?.leaseMs ?? 5 * 60_000) / 1000)),
    });
    if (id && delayMs <= 0) await this.notify(name);
    return id !== null;
  }

  private async notify(name: string): Promise<void> {
    await this.boss.getDb().executeSql('SELECT pg_notify($1, $2)', [CHANNEL, name]);
  }

  nudge(): void {
    void this.relay();
  }

  /** Moves queued rows of idgate's `jobs` table (written inside transactions) into pg-boss. */
  private relay(): Promise<void> {
    this.relaying ??= (async () => {
      try {
        await this.ensureBoss();
        for (;;) {
          const rows = await this.repo.findDue(Number.MAX_SAFE_INTEGER, 50);
          if (!rows.length) break;
          for (const row of rows) {
            const name = row.name as JobName;
            if (!(name in JOB_PAYLOADS)) continue;
            await this.enqueue(name, JSON.parse(row.payload_json), { runAt: row.run_at, dedupeKey: row.dedupe_key ?? `row:${row.id}` });
            await this.repo.finish(row.id, 'done', Date.now(), 'relayed to pg-boss');
          }
          if (rows.length < 50) break;
        }
      } catch (e) {
        this.logger.error({ err: e }, 'relaying queued jobs to pg-boss failed');
      } finally {
        this.relaying = undefined;
      }
    })();
    return this.relaying;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    try {
      await this.startWorkers();
    } catch (e) {
      // Closed while starting (a process or test server stopped at once): pg-boss refuses new workers; nothing is lost.
      if (this.closed) return;
      throw e;
    }
  }

  private async startWorkers(): Promise<void> {
    await this.ensureBoss();
    for (const def of this.defs.values()) {
      const ids: string[] = [];
      for (let i = 0; i < this.opts.concurrency; i++) {
        if (this.closed) return;
        ids.push(
          await this.boss.work<JobPayload<JobName>>(
            def.name,
            { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: this.opts.pollSeconds ?? 2 },
            async ([job]) => {
              if (!job) return;
              try {
                await this.run(def, job);
              } finally {
                // pg-boss sleeps a full polling interval after every fetch unless notified: a
                // worker that just found a job looks again at once (the queue may hold more).
                this.wakeWorkers(def.name);
              }
            },
          ),
        );
      }
      this.workers.set(def.name, ids);
    }
    await this.listen();
    this.relayTimer = setInterval(() => void this.relay(), 5_000);
    this.relayTimer.unref();
    void this.relay();
  }

  private async run(def: AnyDef, job: PgBoss.JobWithMetadata<JobPayload<JobName>>): Promise<void> {
    this.active++;
    try {
      const payload = JOB_PAYLOADS[def.name].parse(job.data);
      try {
        await def.handle(payload, { id: job.id, attempts: job.retryCount + 1 });
      } catch (e) {
        if (job.retryCount >= job.retryLimit) {
          this.logger.error({ err: e, job: job.id, name: def.name }, 'job failed for good');
          await def.onGiveUp?.(payload, e as Error).catch((g: unknown) => this.logger.error({ err: g, job: job.id }, 'job give-up handler failed'));
        } else {
          this.logger.warn({ err: e, job: job.id, name: def.name, attempts: job.retryCount + 1 }, 'job failed; will retry');
        }
        throw e;
      }
    } finally {
      this.active--;
      if (this.active === 0) for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  private wakeWorkers(name: string): void {
    for (const id of this.workers.get(name) ?? []) this.boss.notifyWorker(id);
  }

  /** LISTEN on a connection of its own; reconnects after an outage. */
  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.opts.connectionString });
    const retry = () => {
      if (this.listener !== client || this.closed) return;
      this.listener = undefined;
      client.end().catch(() => {});
      setTimeout(() => void this.listen(), 1000).unref();
    };
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', (m) => this.wakeWorkers(m.payload ?? ''));
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (e) {
      this.logger.warn({ err: e }, 'job notifications unavailable; retrying');
      retry();
    }
  }

  async stop(): Promise<void> {
    if (this.relayTimer) clearInterval(this.relayTimer);
    // Stop fetching; jobs already running finish (pg-boss waits for them up to the timeout,
    // after which their lease expires and another worker takes them).
    for (const name of this.workers.keys()) await this.boss.offWork(name).catch(() => {});
    this.workers.clear();
    await this.idle();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => {});
  }

  async idle(): Promise<void> {
    if (this.active === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  async stats(): Promise<QueueStats[]> {
    await this.ensureBoss();
    const { rows } = await this.boss.getDb().executeSql(
      `SELECT name, state, count(*)::int AS n, EXTRACT(EPOCH FROM (now() - min(start_after))) * 1000 AS age
         FROM ${this.opts.schema}.job WHERE state IN ('created', 'retry', 'active') GROUP BY name, state`,
      [],
    );
    const by = new Map<string, QueueStats>();
    for (const r of rows as { name: string; state: string; n: number; age: number | null }[]) {
      const s = by.get(r.name) ?? { name: r.name, queued: 0, running: 0, oldestDueAgeMs: 0 };
      if (r.state === 'active') s.running += r.n;
      else {
        s.queued += r.n;
        s.oldestDueAgeMs = Math.max(s.oldestDueAgeMs, Math.max(0, Number(r.age ?? 0)));
      }
      by.set(r.name, s);
    }
    return [...by.values()];
  }

  async ping(): Promise<boolean> {
    try {
      await this.ensureBoss();
      await this.boss.getDb().executeSql('SELECT 1', []);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stop();
    if (this.bossStarted) await this.bossStarted.catch(() => {});
    await this.boss.stop({ graceful: true, wait: true, timeout: 30_000 }).catch(() => {});
  }
}

/**
 * Several processes starting at once create the same queues; PostgreSQL then picks one of the
 * concurrent inserts as a deadlock victim (40P01) or reports the row as taken (23505). Both mean
 * "someone else is creating it": wait a little and try again (creation is idempotent).
 */
async function createQueueRetrying(boss: PgBoss, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(name);
      return;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (attempt >= 6 || (code !== '40P01' && code !== '23505')) throw e;
      await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 150));
    }
  }
}
