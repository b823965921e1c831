import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ofacCsvFixture } from '../../src/engines/aml/aml-fixtures.test-helper.ts';
import { postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { startReceiver } from '../helpers/callback-receiver.ts';

/**
 * The operator CLI as a person and a script use it: tables with headers, --json, and exit codes
 * (0 done, 1 error, 2 usage/configuration, 3 the check failed), run as child processes against
 * the database of a running server.
 */
const execFileP = promisify(execFile);
const BIN = path.resolve('bin/idgate.mjs');
let s: TestServer;

type Run = { code: number; stdout: string; stderr: string };
async function idgate(...args: string[]): Promise<Run> {
  const env = { ...process.env, IDGATE_DATA_DIR: s.dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', IDGATE_ALLOW_PRIVATE_URLS: '1' };
  try {
    const { stdout, stderr } = await execFileP(process.execPath, [BIN, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(async () => {
  s = await startTestServer({ env: { IDGATE_CALLBACK_RETRY_SCHEDULE: '3600', IDGATE_CALLBACK_TIMEOUT_SECONDS: '2' } });
});
afterAll(() => s?.close());

describe('idgate CLI for the first hour', () => {
  it('--version prints the package version; a usage error exits 2', async () => {
    const v = await idgate('--version');
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(JSON.parse(fs.readFileSync('package.json', 'utf8')).version);
    const bad = await idgate('apikey', 'create');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--name/);
  });

  it('apikey create adds to the first account by default (same vault); --new-account makes a separate one', async () => {
    const made = await idgate('apikey', 'create', '--name', 'second', '--json');
    expect(made.code).toBe(0);
    const { account, key } = JSON.parse(made.stdout);
    expect(account).toBe(s.accountId);
    // The new key works, on the same account as the first.
    expect((await postJson(`${s.url}/docupass/create`, { apikey: key, companyname: 'Acme', type: 1 })).json.reference).toBeDefined();
    expect((await s.comp.deps.accounts.findKeys()).find((k) => k.name === 'second')?.account_id).toBe(s.accountId);
    const separate = JSON.parse((await idgate('apikey', 'create', '--name', 'tenant-b', '--new-account', '--json')).stdout);
    expect(separate.account).not.toBe(s.accountId);
  });

  it('apikey list is a table with headers, or JSON', async () => {
    const table = await idgate('apikey', 'list');
    const [header, ...rows] = table.stdout.trim().split('\n');
    expect(header).toMatch(/^ID +ACCOUNT +PREFIX +NAME +CREATED +STATE$/);
    expect(rows.some((r) => /\bsecond\b.*active$/.test(r))).toBe(true);
    const json = JSON.parse((await idgate('apikey', 'list', '--json')).stdout);
    expect(json.map((k: { name: string }) => k.name)).toEqual(expect.arrayContaining(['test', 'second', 'tenant-b']));
    expect(JSON.stringify(json)).not.toMatch(/idg_[A-Za-z0-9_-]{20,}/);
  });

  it('sessions list/show and deliveries list/redeliver report a finished session and its callback; failures exit 3', async () => {
    const rx = await startReceiver(['fail', 'ok']);
    try {
      const { json } = await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, callbackurl: rx.url });
      await s.comp.database.db.updateTable('sessions').set({ expires_at: Date.now() - 1000 }).where('reference', '=', json.reference).execute();
      await rx.waitFor(1);
      // Wait until the failed first attempt is stored.
      for (let i = 0; i < 100 && !(await idgate('deliveries', 'list', json.reference, '--json')).stdout.includes('503'); i++) await new Promise((r) => setTimeout(r, 200));

      const list = await idgate('sessions', 'list');
      expect(list.stdout.split('\n')[0]).toMatch(/^REFERENCE +KIND +STATE +OUTCOME +CREATED +EXPIRES +ACCOUNT$/);
      expect(list.stdout).toMatch(new RegExp(`^${json.reference} +verify/1 +expired +failed \\(failcode 0\\)`, 'm'));
      const show = await idgate('sessions', 'show', json.reference.toLowerCase());
      expect(show.code).toBe(3); // the session failed (expired)
      expect(show.stdout).toMatch(/^state +expired$/m);
      expect(show.stdout).toMatch(/callback deliveries:\nID +STATE +ATTEMPTS +LAST STATUS +NEXT ATTEMPT\ncb_\w+ +pending +1 +503/);
      const shown = JSON.parse((await idgate('sessions', 'show', json.reference, '--json')).stdout);
      expect(shown).toMatchObject({ reference: json.reference, state: 'expired', outcome: 'failed (failcode 0)' });
      expect(shown.deliveries[0].last.status).toBe(503);

      const deliveries = await idgate('deliveries', 'list');
      expect(deliveries.stdout.split('\n')[0]).toMatch(/^REFERENCE +STATE +ATTEMPTS +NEXT ATTEMPT +CREATED +URL$/);
      expect(deliveries.stdout).toContain(json.reference);

      const again = await idgate('deliveries', 'redeliver', json.reference, '--json');
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ reference: json.reference, status: 200, error: null });
      expect(rx.received).toHaveLength(2);
      const attempts = JSON.parse((await idgate('deliveries', 'list', json.reference, '--json')).stdout);
      expect(attempts.map((a: { status: number; trigger: string }) => [a.status, a.trigger])).toEqual([[503, 'schedule'], [200, 'manual']]);
    } finally {
      await rx.close();
    }
    const closed = await startReceiver(['fail']);
    const { json } = await postJson(`${s.url}/docupass/create`, { apikey: s.key, companyname: 'Acme', type: 1, callbackurl: closed.url });
    await s.comp.database.db.updateTable('sessions').set({ expires_at: Date.now() - 1000 }).where('reference', '=', json.reference).execute();
    await closed.waitFor(1);
    await closed.close();
    const failed = await idgate('deliveries', 'redeliver', json.reference);
    expect(failed.code).toBe(3);
    expect(failed.stdout).toMatch(/^error +\S/m);
    expect((await idgate('sessions', 'show', 'NOSUCHREF')).code).toBe(1);
  });

  it('aml import refuses a partial OFAC set; aml status warns about old lists with exit 3', async () => {
    const f = ofacCsvFixture();
    const dir = fs.mkdtempSync(path.join(s.dataDir, 'lists-'));
    for (const k of ['sdn', 'alt', 'add'] as const) fs.writeFileSync(path.join(dir, `${k}.csv`), f[k]);
    const partial = await idgate('aml', 'import', path.join(dir, 'sdn.csv'));
    expect(partial.code).toBe(1);
    expect(partial.stderr).toMatch(/incomplete OFAC CSV set: alt\.csv and add\.csv missing/);

    const update = await idgate('aml', 'update', dir, '--json');
    expect(update.code).toBe(0);
    expect(JSON.parse(update.stdout)).toEqual([{ files: 'add.csv+alt.csv+sdn.csv', database: 'us_ofac', entities: 3, snapshot: null, error: null }]);

    // An import dated long ago is stale: a table line marks it and the exit code says so.
    await idgate('aml', 'import', ...['sdn', 'alt', 'add'].map((k) => path.join(dir, `${k}.csv`)), '--snapshot-date', '2024-05-03');
    const status = await idgate('aml', 'status', '--max-age', '30');
    expect(status.code).toBe(3);
    expect(status.stdout).toMatch(/^us_ofac +3 +2024-05-03 +\d+ STALE/m);
    expect(status.stderr).toMatch(/warning: us_ofac is \d+ days old \(more than 30\).*idgate aml update DIR/);
    const json = JSON.parse((await idgate('aml', 'status', '--json', '--max-age', '100000')).stdout);
    expect(json.find((l: { database: string }) => l.database === 'us_ofac')).toMatchObject({ entities: 3, snapshot: '2024-05-03', stale: false });
  });
});
