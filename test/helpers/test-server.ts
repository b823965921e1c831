import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config/load-config.ts';
import { compose, type Composition } from '../../src/compose.ts';
import { buildApp, type RouteModule } from '../../src/http/app.ts';
import { createApiKey } from '../../src/services/accounts/api-keys.ts';
import { startBackgroundWork } from '../../src/jobs/background-work.ts';
import { createPostgresSchema, type TestDialect } from './databases.ts';

export type TestServer = {
  url: string;
  base: string;
  key: string;
  accountId: string;
  app: FastifyInstance;
  comp: Composition;
  config: Config;
  dataDir: string;
  close: () => Promise<void>;
};

/**
 * A real server on a random loopback port over a fresh database of the given dialect and a
 * temp data dir. Private URLs are allowed so tests can use loopback receivers.
 */
export async function startTestServer(
  opts: { dialect?: TestDialect; env?: Record<string, string>; clock?: () => number; routes?: RouteModule[]; jobs?: boolean } = {},
): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-test-'));
  const pgSchema = opts.dialect === 'postgres' ? await createPostgresSchema() : undefined;
  const config = loadConfig({
    IDGATE_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    IDGATE_ALLOW_PRIVATE_URLS: 'true',
    LOG_LEVEL: 'silent',
    ...(pgSchema ? { DATABASE_URL: pgSchema.url } : {}),
    ...opts.env,
  });
  const comp = await compose(config, { logger: pino({ level: 'silent' }), clock: opts.clock });
  const app = await buildApp(comp.deps, opts.routes);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const base = `http://127.0.0.1:${port}/`;
  // The public URL is only known once the port is: rebuild config so links point at this server.
  (comp.deps as { config: Config }).config = Object.freeze({ ...comp.deps.config, publicUrl: `http://127.0.0.1:${port}` });
  const { key, row } = await createApiKey(comp.deps, { name: 'test' });
  // Jobs (verification, callbacks, expiry) run as in `serve`, polled fast so tests stay quick.
  const background = opts.jobs === false ? undefined : startBackgroundWork(comp.deps, { sweepMs: 1000 });
  return {
    url: `http://127.0.0.1:${port}`,
    base,
    key,
    accountId: row.account_id,
    app,
    comp,
    config: comp.deps.config,
    dataDir,
    close: async () => {
      await app.close();
      await background?.stop();
      await comp.close();
      await pgSchema?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}
