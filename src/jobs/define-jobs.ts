import { z } from 'zod';
import type { ServiceDeps } from '../services/deps.ts';
import { attemptDelivery, DELIVER_CALLBACK_JOB } from '../services/callback-delivery.ts';
import { VERIFY_SESSION_JOB, runVerification } from '../services/verify-session.ts';

/** Every durable job idgate runs, with its payload schema. */
export function defineJobs(deps: ServiceDeps): void {
  deps.queue.define({
    name: DELIVER_CALLBACK_JOB,
    payload: z.object({ deliveryId: z.string(), trigger: z.enum(['schedule', 'manual']) }),
    handle: (p) => attemptDelivery(deps, p),
    // Lease just past the request timeout: a worker killed mid-POST frees the job quickly.
    leaseMs: (deps.config.callbackTimeoutSeconds + 2) * 1000,
    maxAttempts: 10,
    retryDelayMs: 5_000,
  });
  deps.queue.define({
    name: VERIFY_SESSION_JOB,
    payload: z.object({ reference: z.string(), attempt: z.number().int() }),
    handle: (p) => runVerification(deps, p),
    leaseMs: 5 * 60_000,
    maxAttempts: 3,
    retryDelayMs: 10_000,
  });
}
