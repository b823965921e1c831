import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = path.resolve('bin/idgate.mjs');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-cli-'));
const env = { ...process.env, IDGATE_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'info' };
const idgate = (...args: string[]) => run(process.execPath, [BIN, ...args], { env });

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Starts `idgate serve` and resolves with its log once it listens. */
function serve(extraEnv: Record<string, string>): Promise<{ log: string; port: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...env, HOST: '127.0.0.1', PORT: '0', ...extraEnv } });
  let log = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      log += d.toString();
      const m = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
      if (m) resolve({ log, port: Number(m[1]), stop: () => new Promise((r) => (child.once('exit', () => r()), child.kill('SIGTERM'))) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${log}`)));
  });
}

describe('idgate CLI', () => {
  it('creates the first key on first start in a 0600 file (never in the log), and it works', { timeout: 180_000 }, async () => {
    const first = await serve({});
    const keyFile = path.join(dataDir, 'first-api-key.txt');
    const key = fs.readFileSync(keyFile, 'utf8').trim();
    expect(key).toMatch(/^idg_/);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(first.log).not.toContain(key);
    const res = await fetch(`http://127.0.0.1:${first.port}/docupass/create`, { method: 'POST', body: new URLSearchParams({ apikey: key!, companyname: 'A', type: '1' }) });
    expect((await res.json()).reference).toBeDefined();
    await first.stop();
    const second = await serve({});
    expect(second.log).not.toContain('firstKeyFile');
    await second.stop();
  });

  it('apikey create prints the key on its last line; list shows it; revoke disables it', { timeout: 180_000 }, async () => {
    const { stdout } = await idgate('apikey', 'create', '--name', 'ci-key');
    const lines = stdout.trim().split('\n');
    const key = lines.at(-1)!;
    expect(key).toMatch(/^idg_[A-Za-z0-9_-]{32}$/);
    const id = /^id: (\S+)/m.exec(stdout)![1];
    const list = (await idgate('apikey', 'list')).stdout;
    expect(list).toContain(id);
    expect(list).toContain('ci-key');
    expect(list).not.toContain(key);
    await idgate('apikey', 'revoke', id);
    expect((await idgate('apikey', 'list')).stdout).toMatch(new RegExp(`${id}.*revoked`));
    await expect(idgate('apikey', 'revoke', id)).rejects.toThrow(/no active key/);
  });

  it('IDGATE_BOOTSTRAP_API_KEY makes sure that exact key exists', async () => {
    const bootstrap = 'bootstrap_key_for_tests_0123456789';
    const srv = await serve({ IDGATE_BOOTSTRAP_API_KEY: bootstrap });
    const res = await fetch(`http://127.0.0.1:${srv.port}/docupass/create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apikey: bootstrap, companyname: 'A', type: 0 }) });
    expect((await res.json()).type).toBe(0);
    await srv.stop();
  });

  it('stops at boot listing every bad variable', async () => {
    const err = await run(process.execPath, [BIN, 'serve'], { env: { ...env, PORT: 'eighty', IDGATE_RATE_LIMIT_PER_MINUTE: '-1', IDGATE_PUBLIC_URL: 'nope' } }).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toContain('PORT');
    expect(err.stderr).toContain('IDGATE_RATE_LIMIT_PER_MINUTE');
    expect(err.stderr).toContain('IDGATE_PUBLIC_URL');
  });

  it('migrate reports an up-to-date database', async () => {
    expect((await idgate('migrate')).stdout).toMatch(/up to date|applied/);
  });

  it('template add prints the new template id', async () => {
    const file = path.join(dataDir, 't.html');
    fs.writeFileSync(file, '<h1>Terms</h1><p>%{fullName}</p>');
    // Two accounts exist now (first-start key, ci-key): the account must be named.
    const accounts = (JSON.parse((await idgate('apikey', 'list', '--json')).stdout) as Array<{ account_id: string }>).map((k) => k.account_id);
    const { stdout } = await idgate('template', 'add', file, '--name', 'Terms', '--account', accounts[0]);
    expect(stdout.trim().split('\n').at(-1)).toMatch(/^tpl_[A-Za-z0-9]+$/);
  });
});
