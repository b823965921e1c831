import type { Logger } from 'pino';

/**
 * SIGTERM/SIGINT drain: each step runs in order (stop taking requests, stop taking jobs and let
 * the running ones finish, close connections); a drain that hangs past `timeoutMs` exits anyway
 * (a job cut off then is taken again by another worker when its lease ends).
 */
export function onShutdown(logger: Logger, steps: (() => Promise<unknown>)[], timeoutMs = 60_000): void {
  let draining = false;
  const drain = async (signal: string) => {
    if (draining) return;
    draining = true;
    logger.info({ signal }, 'draining: no new requests or jobs; finishing running ones');
    setTimeout(() => {
      logger.warn('drain took too long; exiting with jobs unfinished (they will run again elsewhere)');
      process.exit(1);
    }, timeoutMs).unref();
    for (const step of steps) {
      try {
        await step();
      } catch (e) {
        logger.error({ err: e }, 'shutdown step failed');
      }
    }
    logger.info('drained; exiting');
    process.exit(0);
  };
  process.once('SIGTERM', () => void drain('SIGTERM'));
  process.once('SIGINT', () => void drain('SIGINT'));
}
