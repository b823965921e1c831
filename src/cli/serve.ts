import { Command } from 'commander';
import { loadConfig } from '../config/load-config.ts';
import { compose } from '../compose.ts';
import { buildApp } from '../http/app.ts';
import { ensureStartupKey } from '../services/accounts/api-keys.ts';
import { startBackgroundWork } from '../jobs/background-work.ts';
import { printStartupBanner, writeFirstKeyFile } from './startup-banner.ts';
import { createLogger } from '../adapters/log-output.ts';
import { onShutdown } from './process-lifecycle.ts';
import { metricsFor } from '../jobs/process-metrics.ts';

export function serveCommand(): Command {
  return new Command('serve')
    .description('run the HTTP server (default: port 8080, SQLite under ./data) and the background jobs')
    .option('--no-jobs', 'serve HTTP only; run `idgate worker` processes for the jobs')
    .action(async (opts: { jobs: boolean }) => {
    const config = loadConfig();
    const { deps, close } = await compose(config, { logger: createLogger(config) });
    const { created } = await ensureStartupKey(deps, config.bootstrapApiKey);
    const firstKeyFile = created ? writeFirstKeyFile(config.dataDir, created) : undefined;
    const app = await buildApp(deps);
    const background = opts.jobs ? startBackgroundWork(deps) : undefined;
    metricsFor(deps);
    // Drain order: stop accepting requests (in-flight ones finish), stop taking jobs, close.
    onShutdown(deps.logger, [() => app.close(), async () => background?.stop(), close]);
    await app.listen({ port: config.port, host: config.host });
    printStartupBanner({ config, deps, app, jobs: opts.jobs, firstKeyFile });
    // The AML index is built at start (first start also imports the shipped OFAC and UN lists),
    // in the background so the server answers at once; a screening before it is ready waits for it.
    deps.aml?.get().then(
      () => deps.logger.info('AML index ready'),
      (e: unknown) => deps.logger.error({ err: e }, 'AML index could not be built'),
    );
  });
}
