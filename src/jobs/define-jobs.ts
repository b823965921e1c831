import type { ServiceDeps } from '../services/deps.ts';
import { DELIVER_CALLBACK_JOB, VERIFY_SESSION_JOB } from './job-names.ts';
import { metricsFor } from './process-metrics.ts';

/**
 * The handler of every durable job (payload schemas: src/ports/job-queue.ts). Handlers load on
 * first use: the verification pulls in every engine, which CLI commands that never run jobs
 * should not pay for.
 */
export function defineJobs(deps: ServiceDeps): void {
  const metered = <T>(name: string, run: () => Promise<T>): Promise<T> =>
    run().then(
      (v) => (metricsFor(deps).jobs.inc({ name, result: 'ok' }), v),
      (e: unknown) => {
        metricsFor(deps).jobs.inc({ name, result: 'error' });
        throw e;
      },
    );
  deps.queue.define({
    name: DELIVER_CALLBACK_JOB,
    handle: (p) => metered(DELIVER_CALLBACK_JOB, async () => (await import('../services/callbacks/callback-delivery.ts')).attemptDelivery(deps, p)),
    // Lease just past the request timeout: a worker killed mid-POST frees the job quickly.
    leaseMs: (deps.config.callbackTimeoutSeconds + 2) * 1000,
    maxAttempts: 10,
    retryDelayMs: 5_000,
  });
  deps.queue.define({
    name: VERIFY_SESSION_JOB,
    handle: (p) =>
      metered(VERIFY_SESSION_JOB, async () => {
        await (await import('../services/verification/verify-session.ts')).runVerification(deps, p);
        await observeVerdict(deps, p.reference, p.attempt);
      }),
    // An attempt that cannot run at all (unreadable stored file, engine crash) ends the session
    // with fail code 99 instead of leaving it in progress for ever.
    onGiveUp: async (p, error) => (await import('../services/verification/verify-session.ts')).failVerification(deps, p, error),
    leaseMs: deps.config.verifyLeaseSeconds * 1000,
    maxAttempts: 3,
    retryDelayMs: deps.config.jobRetryDelaySeconds * 1000,
  });
}

/** Time from the session's last upload to the recorded decision of this attempt. */
async function observeVerdict(deps: ServiceDeps, reference: string, attempt: number): Promise<void> {
  try {
    const session = await deps.sessions.findByReference(reference);
    const decided = (await deps.verificationAttempts.findForReference(reference)).find((a) => a.attempt === attempt);
    if (!session || !decided) return;
    const files = await deps.sessions.findFiles(session.account_id, reference);
    const lastUpload = Math.max(...files.filter((f) => f.created_at <= decided.created_at).map((f) => f.created_at));
    if (Number.isFinite(lastUpload)) metricsFor(deps).verdict.observe({ outcome: decided.passed ? 'passed' : 'failed' }, (decided.created_at - lastUpload) / 1000);
  } catch (e) {
    deps.logger.debug({ err: e }, 'time to verdict not recorded');
  }
}
