// Scale-out: PostgreSQL-backed idgate as two API processes (`serve --no-jobs`) and two workers
// (`worker`, pg-boss) on one S3-compatible store (s3rver). One worker is killed with SIGKILL
// mid-run and restarted. API process 1 reaches PostgreSQL through a small TCP proxy the test
// stops and starts, to see /ready go false and true again without touching the shared server.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { FileCipher } from '../../src/adapters/file-store-cipher.ts';
import { startReceiver } from '../helpers/callback-receiver.ts';
import { createPostgresSchema, postgresReachable, POSTGRES_URL } from '../helpers/databases.ts';
import { freePort, waitHealthy } from '../helpers/processes.ts';
import { startS3, storedObjects, type TestS3 } from '../helpers/s3-server.ts';

const BIN = path.resolve('bin/idgate.mjs');
const SHARED = path.resolve('../shared/data');
const KEY = `scale_${randomBytes(8).toString('hex')}`;
const METRICS = `metrics_${randomBytes(8).toString('hex')}`;
const SESSIONS_PER_API = 2;
const PHONE = '+4915112345678';

/**
 * Set when a child process exits that the test did not stop: every wait below fails at once
 * with its exit code and last stderr lines instead of running into its timeout.
 */
let processDied: Error | undefined;
let onDeath: ((e: Error) => void) | undefined;
const death = new Promise<never>((_, reject) => {
  onDeath = reject;
});
death.catch(() => {});
/** `p`, or the first unexpected exit of a child process, whichever comes first. */
const orDeath = <T>(p: Promise<T>): Promise<T> => Promise.race([p, death]);

const until = async <T>(what: string, f: () => Promise<T | undefined | false>, ms = 300_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    if (processDied) throw processDied;
    const v = await f().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
};

/** A TCP proxy to PostgreSQL that the test can cut (every connection dropped) and restore. */
async function pgProxy(target: { host: string; port: number }) {
  const port = await freePort();
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  const start = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => {});
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', resolve);
    });
  const stop = async () => {
    // Drop the open connections first: close() waits for them to end before calling back.
    const closed = new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    for (const s of sockets) s.destroy();
    await closed;
  };
  await start();
  return { port, start, stop };
}

const metric = (text: string, name: string): number =>
  text
    .split('\n')
    .filter((l) => l.startsWith(name) && !l.startsWith('#'))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);

const shouldRun = fs.existsSync(SHARED) && (await postgresReachable());
if (!shouldRun) console.warn('scale-out test skipped: needs PostgreSQL and ../shared/data');

describe.runIf(shouldRun)('scale-out: two API processes and two workers on PostgreSQL and S3', () => {
  const children: ChildProcess[] = [];
  /** Children the test stops itself: their exit is no failure. */
  const stopping = new Set<ChildProcess>();
  const logs: string[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of children) stopping.add(c);
    for (const c of children) c.kill('SIGKILL');
    for (const c of cleanups.reverse()) await c().catch(() => {});
  });

  it('every session gets one outcome and its callbacks, nothing touches local disk, objects are ciphertext, /metrics moves, /ready follows PostgreSQL', { timeout: 900_000 }, async () => {
    try {
      await scenario();
    } catch (e) {
      const tail = logs.filter((l) => !/AWS SDK|NodeVersionSupport|versions published|require node|continue receiving|security updates|a\.co\/|trace-warnings/.test(l)).join('').slice(-6000);
      throw new Error(`${(e as Error).message}\n--- process logs ---\n${tail}`);
    }
  });

  async function scenario(): Promise<void> {
    const s3: TestS3 = await startS3('scale-out');
    cleanups.push(() => s3.close());
    const schema = await createPostgresSchema();
    cleanups.push(() => schema.drop());
    const bossSchema = `b_${randomBytes(6).toString('hex')}`;
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${bossSchema} CASCADE`);
      await c.end();
    });
    const pgUrl = new URL(POSTGRES_URL);
    const proxy = await pgProxy({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) });
    cleanups.push(() => proxy.stop());
    const viaProxy = new URL(schema.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const rx = await startReceiver();
    cleanups.push(() => rx.close());
    // A data dir that must never come into existence.
    const dataDir = path.join(os.tmpdir(), `idgate-scale-${randomBytes(6).toString('hex')}`);
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    // The processes' own temp dir (TMPDIR): engines' scratch files (ffmpeg frames) must be gone at the end.
    const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-scale-tmp-'));
    cleanups.push(async () => fs.rmSync(tmpDir, { recursive: true, force: true }));

    const randomKeyHex = randomBytes(32).toString('hex');
    const env = (port: number, databaseUrl: string) => ({
      ...process.env,
      ...s3.env,
      DATABASE_URL: databaseUrl,
      IDGATE_DATA_DIR: dataDir,
      TMPDIR: tmpDir,
      // No IDGATE_JOB_QUEUE: pg-boss is the default on PostgreSQL.
      IDGATE_PGBOSS_SCHEMA: bossSchema,
      IDGATE_ENCRYPTION_KEY: randomKeyHex,
      IDGATE_BOOTSTRAP_API_KEY: KEY,
      IDGATE_METRICS_TOKEN: METRICS,
      IDGATE_ALLOW_PRIVATE_URLS: 'true',
      IDGATE_WORKER_THREADS: '1',
      IDGATE_JOB_CONCURRENCY: '2',
      IDGATE_VERIFY_LEASE_SECONDS: '30',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      IDGATE_LOG_FORMAT: 'json',
    });
    const start = (args: string[], port: number, databaseUrl = schema.url) => {
      const child = spawn(process.execPath, [BIN, ...args], { env: env(port, databaseUrl), stdio: ['ignore', 'pipe', 'pipe'] });
      const tag = `${args.join(' ')}:${port}`;
      const stderr: string[] = [];
      child.stdout!.on('data', (d) => logs.push(`[${tag}] ${d}`));
      child.stderr!.on('data', (d) => {
        logs.push(`[${tag}] ${d}`);
        stderr.push(...String(d).split('\n').filter(Boolean));
        stderr.splice(0, Math.max(0, stderr.length - 20));
      });
      child.on('exit', (code, signal) => {
        logs.push(`[${tag}] exited code=${code} signal=${signal}\n`);
        if (stopping.has(child) || processDied) return;
        processDied = new Error(`idgate ${tag} exited unexpectedly (code ${code}, signal ${signal}); its last stderr lines:\n${stderr.join('\n') || '(none)'}`);
        onDeath!(processDied);
      });
      children.push(child);
      return child;
    };

    const [w1, w2, a1, a2] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    let workerA = start(['worker'], w1);
    start(['worker'], w2);
    start(['serve', '--no-jobs'], a1, viaProxy.toString());
    start(['serve', '--no-jobs'], a2);
    try {
      await orDeath(Promise.all([w1, w2, a1, a2].map((p) => waitHealthy(p, 900)))); // slow starts on a loaded machine
    } catch (e) {
      throw new Error(`${(e as Error).message}\n${logs.join('').slice(-4000)}`);
    }
    const scrape = async (port: number) => (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${METRICS}` } })).text();
    const before = await scrape(a2);

    const passport = fs.readFileSync(path.join(SHARED, 'mrz-document-images/images/passporteye__passport-td3.jpg'));
    const selfie = fs.readFileSync(path.join(SHARED, 'face-verification/images/deepface__img1.jpg'));
    const references: string[] = [];
    for (const port of [a1, a2]) {
      for (let i = 0; i < SESSIONS_PER_API; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/docupass/create`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          // The first session also sends its link by SMS: the development outbox must go to the bucket.
          body: JSON.stringify({ apikey: KEY, companyname: 'Scale', type: 1, callbackurl: rx.url, document_base64: passport.toString('base64'), face_base64: selfie.toString('base64'), biometric: 1, verify_expiry: false, maxattempt: 1, ...(references.length === 0 ? { sms_verification_link: PHONE } : {}) }),
        });
        const body = await res.json();
        if (typeof body.reference !== 'string') throw new Error(`create failed: ${JSON.stringify(body)}\n${logs.join('').slice(-3000)}`);
        references.push(body.reference);
      }
    }

    // Kill worker A once a verification is running somewhere, then start it again.
    const db = new pg.Client({ connectionString: schema.url });
    await db.connect();
    cleanups.push(() => db.end());
    await until('a running verification', async () => (await db.query(`SELECT 1 FROM ${bossSchema}.job WHERE state = 'active'`)).rowCount! > 0, 120_000);
    stopping.add(workerA);
    workerA.kill('SIGKILL');
    await new Promise((r) => workerA.once('exit', r));
    workerA = start(['worker'], w1);
    await orDeath(waitHealthy(w1, 900));

    // Every session ends with one outcome, and its callback arrives.
    await until('every callback', async () => references.every((r) => rx.received.some((c) => c.json?.reference === r)), 480_000);
    const sessions = await db.query('SELECT reference, state FROM sessions WHERE reference = ANY($1)', [references]);
    expect(sessions.rows.map((r) => r.state).every((s: string) => s === 'succeeded' || s === 'failed')).toBe(true);
    const attempts = await db.query('SELECT reference, count(*)::int AS n FROM verification_attempts WHERE reference = ANY($1) GROUP BY reference', [references]);
    expect(attempts.rows.map((r) => r.n)).toEqual(references.map(() => 1));
    for (const r of references) {
      const calls = rx.received.filter((c) => c.json?.reference === r);
      // Duplicates (a delivery retried after the kill) carry the same webhook-id.
      expect(new Set(calls.map((c) => c.headers['webhook-id'])).size).toBe(1);
      expect(new Set(calls.map((c) => c.json.success)).size).toBe(1);
    }

    // Nothing was written to local disk (no data dir: no files, SMS outbox or signing key; no
    // scratch files left in the processes' temp dir); every stored object is idgate ciphertext.
    expect(fs.existsSync(dataDir)).toBe(false);
    expect(fs.readdirSync(tmpDir).filter((n) => !/^tsx-/.test(n))).toEqual([]);
    const objects = storedObjects(s3);
    expect(objects.length).toBeGreaterThanOrEqual(references.length * 3); // images, results, callback payloads
    expect(objects.filter((o) => o.key.startsWith('sms-outbox/'))).toHaveLength(1);
    for (const o of objects) {
      expect(FileCipher.isSealed(o.bytes), o.key).toBe(true);
      expect(o.bytes.includes(passport.subarray(0, 64))).toBe(false);
      expect(o.bytes.includes(Buffer.from(PHONE))).toBe(false);
      for (const r of references) expect(o.bytes.includes(Buffer.from(r))).toBe(false);
    }

    // /metrics moved.
    const after = await scrape(a2);
    expect(metric(after, 'idgate_verifications{') - metric(before, 'idgate_verifications{')).toBe(references.length);
    expect(metric(after, 'idgate_callback_attempts{result="delivered"}')).toBeGreaterThanOrEqual(references.length);
    expect(metric(after, 'idgate_http_request_duration_seconds_count{method="POST",route="/docupass/create"')).toBeGreaterThan(metric(before, 'idgate_http_request_duration_seconds_count{method="POST",route="/docupass/create"'));
    const workerMetrics = (await scrape(w2)) + (await scrape(w1));
    expect(metric(workerMetrics, 'idgate_engine_duration_seconds_count{')).toBeGreaterThan(0);

    // /ready follows PostgreSQL: false while unreachable, true again after.
    const ready = async () => (await fetch(`http://127.0.0.1:${a1}/ready`)).status;
    expect(await ready()).toBe(200);
    await proxy.stop();
    await until('/ready false', async () => (await ready()) === 503, 60_000);
    await proxy.start();
    await until('/ready true', async () => (await ready()) === 200, 60_000);

    // A clean SIGTERM drains and exits 0.
    const api2 = children[3]!;
    stopping.add(api2);
    api2.kill('SIGTERM');
    const code = await new Promise((r) => api2.once('exit', (c) => r(c)));
    expect(code).toBe(0);
  }
});
