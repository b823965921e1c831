import type { ServiceDeps } from '../services/deps.ts';
import { DELIVER_CALLBACK_JOB, VERIFY_SESSION_JOB } from './job-names.ts';

/**
 * The handler of every durable job (payload schemas: src/ports/job-queue.ts). Handlers load on
 * first use: the verification pulls in every engine, which CLI commands that never run jobs
 * should not pay for.
 */
export function defineJobs(deps: ServiceDeps): void {
  deps.queue.define({
    name: DELIVER_CALLBACK_JOB,
    handle: async (p) => (await import('../services/callback-delivery.ts')).attemptDelivery(deps, p),
    // Lease just past the request timeout: a worker killed mid-POST frees the job quickly.
    leaseMs: (deps.config.callbackTimeoutSeconds + 2) * 1000,
    maxAttempts: 10,
    retryDelayMs: 5_000,
  });
  deps.queue.define({
    name: VERIFY_SESSION_JOB,
    handle: async (p) => (await import('../services/verify-session.ts')).runVerification(deps, p),
    // An attempt that cannot run at all (unreadable stored file, engine crash) ends the session
    // with fail code 99 instead of leaving it in progress for ever.
    onGiveUp: async (p, error) => (await import('../services/verify-session.ts')).failVerification(deps, p, error),
    leaseMs: 5 * 60_000,
    maxAttempts: 3,
    retryDelayMs: deps.config.jobRetryDelaySeconds * 1000,
  });
}
