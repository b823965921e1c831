import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/processes.ts';

/**
 * The newcomer's first start: `idgate serve` as a child process on a fresh data dir, read the
 * way a person reads it (banner, key file) and the way a log collector does (JSON lines).
 */
const BIN = path.resolve('bin/idgate.mjs');
const dataDirs: string[] = [];
afterAll(() => dataDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function freshDataDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-first-hour-'));
  dataDirs.push(d);
  return d;
}

type Served = { output: string; port: number; stop: () => Promise<string> };

/** Starts `idgate serve` and resolves once `ready` (the banner or its JSON line) has been printed. */
function serve(dataDir: string, env: Record<string, string>, ready: RegExp): Promise<Served> {
  return freePort().then((port) => {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, IDGATE_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'info', PORT: String(port), HOST: '0.0.0.0', IDGATE_PUBLIC_URL: '', ...env },
    });
    let output = '';
    return new Promise<Served>((resolve, reject) => {
      const onData = (d: Buffer) => {
        output += d.toString();
        if (ready.test(output)) {
          resolve({
            get output() {
              return output;
            },
            port,
            stop: () => new Promise((r) => (child.once('exit', () => r(output)), child.kill('SIGTERM'))),
          });
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${output}`)));
    });
  });
}

const jsonLines = (out: string) =>
  out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('first start as a newcomer does it', () => {
  it('JSON logs off a terminal: one banner record, the key in a 0600 file and nowhere in the log, the loopback warning', { timeout: 180_000 }, async () => {
    const dataDir = freshDataDir();
    const srv = await serve(dataDir, {}, /"msg":"idgate [\d.]+ ready"[^\n]*\n[\s\S]*"level":40/);
    const keyFile = path.join(dataDir, 'first-api-key.txt');
    const key = fs.readFileSync(keyFile, 'utf8').trim();
    expect(key).toMatch(/^idg_[A-Za-z0-9_-]{32}$/);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);

    // The key works, and the quick start's vault_save + vault/list path answers.
    const created = await (await fetch(`http://127.0.0.1:${srv.port}/docupass/create`, { method: 'POST', body: new URLSearchParams({ apikey: key, companyname: 'Acme', type: '1', vault_save: '1' }) })).json();
    expect(created.reference).toMatch(/^[A-Z0-9]+$/);
    const list = await (await fetch(`http://127.0.0.1:${srv.port}/vault/list`, { method: 'POST', body: new URLSearchParams({ apikey: key, filter: `docupass_reference=${created.reference}` }) })).json();
    expect(list.items).toEqual([]); // nothing verified yet: the entry appears once the person finishes

    const out = await srv.stop();
    const records = jsonLines(out);
    expect(records.length).toBeGreaterThan(3); // every line is JSON off a terminal
    expect(out.split('\n').filter((l) => l.trim() && !l.startsWith('{'))).toEqual([]);
    const banner = records.find((r) => /^idgate [\d.]+ ready$/.test(String(r.msg)))!;
    expect(banner).toMatchObject({
      version: JSON.parse(fs.readFileSync('package.json', 'utf8')).version,
      database: `SQLite ${path.join(dataDir, 'idgate.sqlite')}`,
      dataDir,
      publicUrl: `http://127.0.0.1:${srv.port}`,
      listen: `http://0.0.0.0:${srv.port} (all interfaces)`,
      firstKeyFile: keyFile,
    });
    expect(String(banner.fileStore)).toContain(path.join(dataDir, 'files'));
    expect(banner.enabled).toEqual(expect.arrayContaining(['private URLs refused', 'trust proxy off (X-Forwarded-For ignored)']));
    expect(String(banner.quickStart)).toContain('vault_save=1');
    expect(String(banner.quickStart)).toContain('/vault/list');
    expect(String(banner.quickStart)).not.toContain('example.com');
    const warning = records.find((r) => r.level === 40 && String(r.msg).includes('IDGATE_PUBLIC_URL'));
    expect(String(warning?.msg)).toMatch(/listens on all interfaces.*phone cannot open them/);
    // The key never reaches the log, neither whole nor by its random part.
    expect(out).not.toContain(key);
    expect(out).not.toContain(key.slice(4));
  });

  it('pretty banner for a person; a second start makes no new key and prints no quick start', { timeout: 180_000 }, async () => {
    const dataDir = freshDataDir();
    const first = await serve(dataDir, { IDGATE_LOG_FORMAT: 'pretty', HOST: '127.0.0.1' }, /Quick start:[\s\S]*README/);
    const out1 = await first.stop();
    const key = fs.readFileSync(path.join(dataDir, 'first-api-key.txt'), 'utf8').trim();
    for (const label of ['listening', 'public URL', 'database', 'file store', 'data dir', 'enabled']) expect(out1).toMatch(new RegExp(`^  ${label} +\\S`, 'm'));
    expect(out1).toMatch(/^idgate \d+\.\d+\.\d+ — /m);
    expect(out1).toContain(`First API key written to ${path.join(dataDir, 'first-api-key.txt')} (mode 0600`);
    expect(out1).toContain(`KEY=$(cat ${path.join(dataDir, 'first-api-key.txt')})`);
    expect(out1).not.toContain(key);
    // Listening on loopback only with a loopback public URL is consistent: no warning.
    expect(out1).not.toContain('listens on all interfaces');
    expect(out1).not.toMatch(/^\{/m);

    const second = await serve(dataDir, { IDGATE_LOG_FORMAT: 'pretty', HOST: '127.0.0.1' }, /  enabled .*\n/);
    const out2 = await second.stop();
    expect(out2).not.toContain('Quick start');
    expect(fs.readFileSync(path.join(dataDir, 'first-api-key.txt'), 'utf8').trim()).toBe(key);
  });

  it('stops at boot when IDGATE_TRUST_PROXY is not a hop count or address list', { timeout: 60_000 }, async () => {
    const dataDir = freshDataDir();
    const err = await serve(dataDir, { IDGATE_TRUST_PROXY: 'true' }, /never/).catch((e: Error) => e);
    expect(String(err)).toMatch(/exited 2[\s\S]*IDGATE_TRUST_PROXY: trusting every client is unsafe/);
  });
});
