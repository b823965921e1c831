import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { JobsRepository, JobRow } from '../database/repositories/jobs-repository.ts';
import { JOB_PAYLOADS, type EnqueueOptions, type JobDefinition, type JobName, type JobPayload, type JobQueue, type QueueStats } from '../ports/job-queue.ts';

type AnyDef = JobDefinition<JobName>;

/**
 * The embedded durable queue over idgate's own `jobs` table (SQLite by default; the same code
 * runs on PostgreSQL). Every job is a row; a worker claims a due row with a conditional UPDATE,
 * runs it and marks it done. A worker killed mid-job leaves a `running` row whose lease expires,
 * and the job runs again — so handlers are idempotent.
 *
 * Latency: an enqueue (or a nudge after a transactional insert) in this process wakes the loop
 * at once. A wake that arrives while the loop is busy is remembered, so it is never lost to the
 * poll interval; the poll only matters for jobs queued by another process or due later.
 */
export class EmbeddedJobQueue implements JobQueue {
  private readonly defs = new Map<string, AnyDef>();
  private timer: NodeJS.Timeout | undefined;
  private running = 0;
  private stopped = true;
  private wake: (() => void) | undefined;
  private wakePending = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly repo: JobsRepository,
    private readonly clock: () => number,
    private readonly logger: Logger,
    private readonly opts: { concurrency: number; pollMs: number } = { concurrency: 2, pollMs: 500 },
  ) {}

  define<N extends JobName>(def: JobDefinition<N>): void {
    this.defs.set(def.name, def as unknown as AnyDef);
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, opts: EnqueueOptions = {}): Promise<boolean> {
    JOB_PAYLOADS[name].parse(payload);
    const now = this.clock();
    const inserted = await this.repo.insert({
      id: randomUUID(),
      name,
      payload_json: JSON.stringify(payload),
      dedupe_key: opts.dedupeKey ?? null,
      state: 'queued',
      run_at: opts.runAt ?? now,
      locked_until: null,
      attempts: 0,
      last_error: null,
      created_at: now,
      updated_at: now,
    });
    this.nudge();
    return inserted;
  }

  nudge(): void {
    this.wakePending = true;
    this.wake?.();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    if (this.timer) clearTimeout(this.timer);
    await this.idle();
  }

  async close(): Promise<void> {
    await this.stop();
  }

  /** Runs every due job once (used by tests and by the loop). */
  async runDue(): Promise<number> {
    const now = this.clock();
    await this.repo.recoverExpiredLeases(now);
    const free = this.opts.concurrency - this.running;
    if (free <= 0) return 0;
    const due = await this.repo.findDue(now, free);
    let started = 0;
    for (const job of due) {
      const def = this.defs.get(job.name);
      if (!def) continue;
      if (!(await this.repo.claim(job.id, now, def.leaseMs ?? 5 * 60_000))) continue;
      started++;
      const p = this.execute(def, job).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
    return started;
  }

  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  async stats(): Promise<QueueStats[]> {
    const now = this.clock();
    const by = new Map<string, QueueStats>();
    for (const r of await this.repo.stats()) {
      const s = by.get(r.name) ?? { name: r.name, queued: 0, running: 0, oldestDueAgeMs: 0 };
      if (r.state === 'running') s.running += r.n;
      else {
        s.queued += r.n;
        if (r.oldest !== null) s.oldestDueAgeMs = Math.max(0, now - r.oldest);
      }
      by.set(r.name, s);
    }
    return [...by.values()];
  }

  async ping(): Promise<boolean> {
    try {
      await this.repo.ping();
      return true;
    } catch {
      return false;
    }
  }

  private async execute(def: AnyDef, job: JobRow): Promise<void> {
    this.running++;
    const schema = JOB_PAYLOADS[def.name];
    try {
      const payload = schema.parse(JSON.parse(job.payload_json));
      await def.handle(payload, { id: job.id, attempts: job.attempts + 1 });
      await this.repo.finish(job.id, 'done', this.clock());
    } catch (e) {
      const message = (e as Error).message ?? String(e);
      const attempts = job.attempts + 1;
      if (attempts >= (def.maxAttempts ?? 5)) {
        this.logger.error({ err: e, job: job.id, name: job.name }, 'job failed for good');
        await this.repo.finish(job.id, 'failed', this.clock(), message);
        try {
          await def.onGiveUp?.(schema.parse(JSON.parse(job.payload_json)), e as Error);
        } catch (giveUpError) {
          this.logger.error({ err: giveUpError, job: job.id }, 'job give-up handler failed');
        }
      } else {
        this.logger.warn({ err: e, job: job.id, name: job.name, attempts }, 'job failed; will retry');
        await this.repo.requeue(job.id, this.clock() + (def.retryDelayMs ?? 30_000) * attempts, this.clock(), message);
      }
    } finally {
      this.running--;
      this.nudge();
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.wakePending = false;
      try {
        await this.runDue();
      } catch (e) {
        this.logger.error({ err: e }, 'job loop error');
      }
      if (this.stopped) break;
      if (this.wakePending) continue;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, this.opts.pollMs);
      });
      clearTimeout(this.timer);
      this.wake = undefined;
    }
  }
}
