import { Command } from 'commander';
import { loadConfig } from '../config/load-config.ts';
import { compose } from '../compose.ts';
import { startBackgroundWork } from '../jobs/background-work.ts';
import { metricsFor } from '../jobs/process-metrics.ts';
import { buildOpsApp } from '../http/ops/ops-app.ts';
import { createLogger } from '../adapters/log-output.ts';
import { onShutdown } from './process-lifecycle.ts';

/**
 * A process that only runs jobs (verification, callbacks, expiry) beside `serve --no-jobs`
 * processes on the same PostgreSQL and bucket. It answers /health, /ready and /metrics on
 * PORT (`--no-http` for none).
 */
export function workerCommand(): Command {
  return new Command('worker')
    .description('run background jobs only (with /health, /ready and /metrics on PORT)')
    .option('--no-http', 'no HTTP listener at all')
    .action(async (opts: { http: boolean }) => {
      const config = loadConfig();
      const { deps, close } = await compose(config, { logger: createLogger(config) });
      metricsFor(deps);
      const background = startBackgroundWork(deps);
      const app = opts.http ? await buildOpsApp(deps) : undefined;
      onShutdown(deps.logger, [async () => background.stop(), async () => app?.close(), close]);
      if (app) await app.listen({ port: config.port, host: config.host });
      deps.logger.info({ port: app ? config.port : null, queue: config.jobQueue, storage: config.storage }, 'worker started');
    });
}
