import { Command } from 'commander';
import { loadConfig } from '../config/load-config.ts';
import { compose } from '../compose.ts';
import { startBackgroundWork } from '../jobs/background-work.ts';

/** A process that only runs jobs (verification, callbacks, expiry) beside `serve --no-jobs`. */
export function workerCommand(): Command {
  return new Command('worker').description('run background jobs only').action(async () => {
    const { deps, close } = await compose(loadConfig());
    const background = startBackgroundWork(deps);
    deps.logger.info('worker started');
    const shutdown = async () => {
      await background.stop();
      await close();
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown());
    process.once('SIGINT', () => void shutdown());
  });
}
