import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { JobsRepository, JobRow } from '../database/repositories/jobs-repository.ts';

export type JobDefinition<P> = {
  name: string;
  payload: z.ZodType<P>;
  /** Throwing retries the job after `retryDelayMs` up to `maxAttempts`; handlers must be idempotent. */
  handle: (payload: P, job: JobRow) => Promise<void>;
  maxAttempts?: number;
  /** Runs once when the last attempt failed, so whatever waited on the job can be ended cleanly. */
  onGiveUp?: (payload: P, error: Error) => Promise<void>;
  retryDelayMs?: number;
  leaseMs?: number;
};

/**
 * A durable job queue over the database (one implementation for SQLite and PostgreSQL, so
 * there is no queue port). Every job is a row; a worker claims a due row, runs it, and marks it
 * done. A worker killed mid-job leaves a `running` row whose lease expires, and the job runs
 * again — so handlers are idempotent.
 */
export class JobQueue {
  private readonly defs = new Map<string, JobDefinition<any>>();
  private timer: NodeJS.Timeout | undefined;
  private running = 0;
  private stopped = true;
  private wake: (() => void) | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly repo: JobsRepository,
    private readonly clock: () => number,
    private readonly logger: Logger,
    private readonly opts: { concurrency: number; pollMs: number } = { concurrency: 2, pollMs: 500 },
  ) {}

  define<P>(def: JobDefinition<P>): void {
    this.defs.set(def.name, def);
  }

  async enqueue<P>(name: string, payload: P, opts: { runAt?: number; dedupeKey?: string } = {}): Promise<boolean> {
    const def = this.defs.get(name);
    if (def) def.payload.parse(payload);
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
    this.wake?.();
    return inserted;
  }

  /** Tells the loop that a job was queued by another path (e.g. inside a transaction). */
  nudge(): void {
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
    await Promise.allSettled([...this.inFlight]);
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

  /** Waits until no job is running (tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private async execute(def: JobDefinition<any>, job: JobRow): Promise<void> {
    this.running++;
    try {
      const payload = def.payload.parse(JSON.parse(job.payload_json));
      await def.handle(payload, job);
      await this.repo.finish(job.id, 'done', this.clock());
    } catch (e) {
      const message = (e as Error).message ?? String(e);
      const attempts = job.attempts + 1;
      if (attempts >= (def.maxAttempts ?? 5)) {
        this.logger.error({ err: e, job: job.id, name: job.name }, 'job failed for good');
        await this.repo.finish(job.id, 'failed', this.clock(), message);
        try {
          await def.onGiveUp?.(def.payload.parse(JSON.parse(job.payload_json)), e as Error);
        } catch (giveUpError) {
          this.logger.error({ err: giveUpError, job: job.id }, 'job give-up handler failed');
        }
      } else {
        this.logger.warn({ err: e, job: job.id, name: job.name, attempts }, 'job failed; will retry');
        await this.repo.requeue(job.id, this.clock() + (def.retryDelayMs ?? 30_000) * attempts, this.clock(), message);
      }
    } finally {
      this.running--;
      this.wake?.();
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.runDue();
      } catch (e) {
        this.logger.error({ err: e }, 'job loop error');
      }
      if (this.stopped) break;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, this.opts.pollMs);
      });
      this.wake = undefined;
    }
  }
}
