import type { ServiceDeps } from '../services/deps.ts';
import { expireDueSessions } from '../services/session/expire-sessions.ts';
import { retentionSweepTick } from '../services/privacy/retention-sweep.ts';

/**
 * The job loop plus the expiry sweep. Every process that runs this takes a share of the jobs;
 * the sweep is safe in several processes at once (its state change is conditional).
 */
export function startBackgroundWork(deps: ServiceDeps, opts: { sweepMs?: number } = {}): { stop: () => Promise<void> } {
  // A queue that cannot start is logged, not left as an unhandled rejection that would end the process.
  void Promise.resolve(deps.queue.start()).catch((e: unknown) => deps.logger.error({ err: e }, 'job queue failed to start'));
  const sweep = async () => {
    try {
      const n = await expireDueSessions(deps);
      if (n) deps.logger.info({ expired: n }, 'expired sessions ended');
    } catch (e) {
      deps.logger.error({ err: e }, 'expiry sweep failed');
    }
    await retentionSweepTick(deps);
  };
  const timer = setInterval(() => void sweep(), opts.sweepMs ?? 30_000);
  timer.unref();
  void sweep();
  return {
    stop: async () => {
      clearInterval(timer);
      await deps.queue.stop();
    },
  };
}
