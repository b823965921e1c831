import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { freePort, waitHealthy } from '../helpers/processes.ts';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../helpers/callback-receiver.ts';

const BIN = path.resolve('bin/idgate.mjs');
const KEY = 'crash_test_key_0123456789';


function serve(dataDir: string, port: number): ChildProcess {
  return spawn(process.execPath, [BIN, 'serve'], {
    env: {
      ...process.env,
      IDGATE_DATA_DIR: dataDir,
      DATABASE_URL: '',
      HOST: '127.0.0.1',
      PORT: String(port),
      IDGATE_BOOTSTRAP_API_KEY: KEY,
      IDGATE_ALLOW_PRIVATE_URLS: 'true',
      IDGATE_CALLBACK_RETRY_SCHEDULE: '1,1,1,1',
      IDGATE_CALLBACK_TIMEOUT_SECONDS: '3',
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
}

describe('a server killed with SIGKILL mid-delivery', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-crash-'));
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers the callback after restart, once', { timeout: 180_000 }, async () => {
    // The receiver hangs on the first request (the server is killed while it waits), then answers 200.
    const rx = await startReceiver(['timeout', 'ok', 'ok']);
    const port = await freePort();
    try {
      child = serve(dataDir, port);
      await waitHealthy(port);
      const created = await (
        await fetch(`http://127.0.0.1:${port}/docupass/create`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ apikey: KEY, companyname: 'Acme', type: 1, callbackurl: rx.url, customid: 'crash', expiry: 600 }),
        })
      ).json();
      // Let the session run out, as the expiry sweep will notice within its period.
      const db = new Database(path.join(dataDir, 'idgate.sqlite'));
      db.prepare('update sessions set expires_at = ? where reference = ?').run(Date.now() - 1000, created.reference);
      db.close();
      await rx.waitFor(1, 60_000);
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));

      child = serve(dataDir, port);
      await waitHealthy(port);
      const got = await rx.waitFor(2, 90_000);
      expect(got[1].json).toMatchObject({ success: false, reference: created.reference, failcode: 0, customid: 'crash' });
      expect(got[1].headers['webhook-id']).toBe(got[0].headers['webhook-id']);
      const log = await (
        await fetch(`http://127.0.0.1:${port}/docupass/deliveries`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apikey: KEY, reference: created.reference }) })
      ).json();
      expect(log.items).toHaveLength(1);
      expect(log.items[0].state).toBe('delivered');
      // Nothing more is sent once it was delivered.
      await new Promise((r) => setTimeout(r, 4000));
      expect(rx.received).toHaveLength(2);
    } finally {
      await rx.close();
    }
  });
});
