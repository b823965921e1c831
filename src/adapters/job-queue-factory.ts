import type { Logger } from 'pino';
import type { Config } from '../config/load-config.ts';
import type { JobsRepository } from '../database/repositories/jobs-repository.ts';
import type { JobQueue } from '../ports/job-queue.ts';
import { EmbeddedJobQueue } from './job-queue-sqlite.ts';
import { PgBossJobQueue } from './job-queue-pgboss.ts';

/** The job queue the configuration asks for (IDGATE_JOB_QUEUE). */
export function createJobQueue(config: Config, jobs: JobsRepository, clock: () => number, logger: Logger): JobQueue {
  if (config.jobQueue === 'pg-boss' && config.databaseUrl) {
    return new PgBossJobQueue({ connectionString: config.databaseUrl, schema: config.pgBossSchema, concurrency: config.jobConcurrency, clock }, jobs, logger);
  }
  return new EmbeddedJobQueue(jobs, clock, logger, { concurrency: config.jobConcurrency, pollMs: 500 });
}
