import { z } from 'zod';

/**
 * Every durable job idgate runs, by name, with its payload schema. Declared `as const` so a
 * job name is a literal type and `enqueue('verify-session', { wrong: 1 })` fails to compile.
 * A new job adds one entry here and one handler in src/jobs/define-jobs.ts.
 */
export const JOB_PAYLOADS = {
  'verify-session': z.object({ reference: z.string(), attempt: z.number().int() }),
  'deliver-callback': z.object({ deliveryId: z.string(), trigger: z.enum(['schedule', 'manual']) }),
} as const;

export type JobName = keyof typeof JOB_PAYLOADS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOB_PAYLOADS)[N]>;

/** What a handler learns about the run it is part of. */
export type JobRun = { id: string; attempts: number };

export type JobDefinition<N extends JobName> = {
  name: N;
  /** Throwing retries the job after `retryDelayMs` × attempt, up to `maxAttempts`; handlers must be idempotent. */
  handle: (payload: JobPayload<N>, job: JobRun) => Promise<void>;
  maxAttempts?: number;
  /** Runs once when the last attempt failed, so whatever waited on the job can be ended cleanly. */
  onGiveUp?: (payload: JobPayload<N>, error: Error) => Promise<void>;
  retryDelayMs?: number;
  /** How long a claimed job stays with its worker before another may take it (worker killed). */
  leaseMs?: number;
};

export type EnqueueOptions = { runAt?: number; dedupeKey?: string };

/** Queue depth for metrics: jobs waiting (due now or later) and the age of the oldest due one. */
export type QueueStats = { name: string; queued: number; running: number; oldestDueAgeMs: number };

/**
 * A durable job queue. Two adapters ship: the embedded one over idgate's own `jobs` table
 * (SQLite default, also usable on PostgreSQL) and pg-boss on PostgreSQL. Both pass
 * test/integration/job-queue-contract.test.ts.
 */
export interface JobQueue {
  define<N extends JobName>(def: JobDefinition<N>): void;
  /** Returns false when a job with the same dedupe key was already queued. */
  enqueue<N extends JobName>(name: N, payload: JobPayload<N>, opts?: EnqueueOptions): Promise<boolean>;
  /** A job row was written by another path (inside a transaction): pick it up now. */
  nudge(): void;
  /** Starts taking jobs in this process. */
  start(): Promise<void> | void;
  /** Stops taking jobs and waits for the running ones to finish (or hands them back). */
  stop(): Promise<void>;
  /** Waits until nothing runs in this process (tests, drains). */
  idle(): Promise<void>;
  stats(): Promise<QueueStats[]>;
  /** Whether the queue's store answers (for /ready). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
