// Privacy costs (issue 19): the per-session data-key layer on file reads/writes, and how long one
// erasure takes. SQLite in a temp data dir, disk store, real code paths (HTTP create, erase service).
// Run: node --import tsx bench/privacy-bench.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import sharp from 'sharp';
import { loadConfig } from '../src/config/load-config.ts';
import { compose } from '../src/compose.ts';
import { buildApp } from '../src/http/app.ts';
import { createApiKey } from '../src/services/accounts/api-keys.ts';
import { DiskFileStore, loadOrCreateFileKey } from '../src/adapters/file-store-disk.ts';
import { eraseSessions } from '../src/services/privacy/erase-session.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-privacy-bench-'));
const comp = await compose(loadConfig({ IDGATE_DATA_DIR: dir, LOG_LEVEL: 'silent', IDGATE_ALLOW_PRIVATE_URLS: 'true' }), { logger: pino({ level: 'silent' }) });
const { deps } = comp;
const plain = new DiskFileStore(path.join(dir, 'files'), loadOrCreateFileKey(dir, undefined));

// 1. File layer: 1 MB put+get, 100 sessions, plain store vs with per-session keys (first use creates the key).
const MB = randomBytes(1024 * 1024);
const timeIt = async (fn: (i: number) => Promise<void>, n: number) => {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn(i);
    t.push(performance.now() - s);
  }
  return t;
};
// Warm-up, then the two interleaved so disk cache and JIT treat them alike.
for (let i = 0; i < 10; i++) {
  await plain.put(`sessions/acc/WARM${i}/a.jpg`, MB);
  await deps.files.put(`sessions/acc/WARMK${i}/a.jpg`, MB);
}
const plainT: number[] = [];
const keyedT: number[] = [];
for (let i = 0; i < 100; i++) {
  plainT.push(...(await timeIt(async () => {
    await plain.put(`sessions/acc/PLAIN${i}/document-x.jpg`, MB);
    await plain.get(`sessions/acc/PLAIN${i}/document-x.jpg`);
  }, 1)));
  keyedT.push(...(await timeIt(async () => {
    await deps.files.put(`sessions/acc/KEYED${i}/document-x.jpg`, MB);
    await deps.files.get(`sessions/acc/KEYED${i}/document-x.jpg`);
  }, 1)));
}

// 2. Erasure: sessions created over HTTP with a document photo (stored, not verified), then erased one by one.
const app = await buildApp(deps);
const { key } = await createApiKey(deps, { name: 'bench' });
const jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 120, g: 130, b: 140 } } }).jpeg().toBuffer();
const refs: string[] = [];
for (let i = 0; i < 100; i++) {
  const r = await app.inject({ method: 'POST', url: '/docupass/create', payload: { apikey: key, companyname: 'Acme', type: 1, verify_name: `Person Number${i}`, customid: `bench-${i}`, document_base64: jpeg.toString('base64') } });
  refs.push(r.json().reference);
}
const account = (await comp.deps.privacy!.findSessions(undefined, { reference: refs[0] }))[0]!.account_id;
const eraseT = await timeIt(async (i) => {
  await eraseSessions(deps, account, { reference: refs[i] }, { actor: 'bench', reason: 'request' });
}, refs.length);

console.log(`file put+get 1 MB, plain store:        median ${median(plainT).toFixed(2)} ms, p95 ${p95(plainT).toFixed(2)} ms (n=100)`);
console.log(`file put+get 1 MB, per-session keys:   median ${median(keyedT).toFixed(2)} ms, p95 ${p95(keyedT).toFixed(2)} ms (n=100, each a new session key)`);
console.log(`erase one session (SQLite, disk, secure_delete + WAL checkpoint): median ${median(eraseT).toFixed(1)} ms, p95 ${p95(eraseT).toFixed(1)} ms (n=${refs.length})`);
await app.close();
await comp.close();
fs.rmSync(dir, { recursive: true, force: true });
