// End-to-end verification time (last upload → callback received) for passport + selfie + AML
// sessions, and callbacks delivered per second to a local receiver against a plain POST loop to
// the same receiver measured in the same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer } from '../test/helpers/test-server.ts';
import { startReceiver } from '../test/helpers/callback-receiver.ts';

const SHARED = path.resolve(process.cwd(), '../shared/data');
if (!fs.existsSync(SHARED)) {
  console.log('../shared/data is absent: pipeline bench skipped');
  process.exit(0);
}
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 8);
const CALLBACKS = Number(process.env.BENCH_CALLBACKS ?? 300);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

// BENCH_THREADS: engine threads (default: one per core, as `idgate serve`; the issue's first
// figures were taken with 1). BENCH_WARMUP: sessions run first so every thread has its models.
const THREADS = process.env.BENCH_THREADS ?? '';
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const server = await startTestServer({ env: { ...(THREADS ? { IDGATE_WORKER_THREADS: THREADS } : {}), IDGATE_RATE_LIMIT_PER_MINUTE: '0' } });
const rx = await startReceiver();
try {
  const passport = fs.readFileSync(path.join(SHARED, 'mrz-document-images/images/passporteye__passport-td3.jpg')).toString('base64');
  const selfie = fs.readFileSync(path.join(SHARED, 'face-verification/images/deepface__img1.jpg')).toString('base64');
  const post = async (body: Record<string, unknown>) =>
    (await fetch(`${server.url}/docupass/create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apikey: server.key, companyname: 'Bench', type: 1, callbackurl: rx.url, ...body }) })).json();
  const waitCallback = async (reference: string) => {
    for (;;) {
      const hit = rx.received.find((r) => r.json?.reference === reference);
      if (hit) return hit.at;
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  // Profile: every engine task's start and end (ms after the create call), one session at a time.
  const tasks: { name: string; start: number; end: number }[] = [];
  const engines = server.comp.deps.engines as { run: (...a: unknown[]) => Promise<unknown> };
  const run = engines.run.bind(engines);
  let t0 = 0;
  engines.run = (...a: unknown[]) => {
    const entry = { name: `${a[0] as string}${(a[1] as { visualZone?: string }).visualZone ? ` (${(a[1] as { visualZone?: string }).visualZone})` : ''}`, start: Date.now() - t0, end: 0 };
    tasks.push(entry);
    return run(...a).finally(() => (entry.end = Date.now() - t0));
  };
  const times: number[] = [];
  const profile = new Map<string, { start: number[]; end: number[] }>();
  for (let i = 0; i < SESSIONS + WARMUP; i++) {
    tasks.length = 0;
    t0 = Date.now();
    const { reference } = await post({ document_base64: passport, face_base64: selfie, biometric: 1, aml_check: true, verify_expiry: false, authenticate_minscore: 0.3, maxattempt: 1 });
    const created = Date.now() - t0;
    const at = await waitCallback(reference);
    if (i < WARMUP) continue; // the first runs load the models into the engine threads
    times.push(at - t0);
    const add = (name: string, start: number, end: number) => {
      const p = profile.get(name) ?? { start: [], end: [] };
      p.start.push(start);
      p.end.push(end);
      profile.set(name, p);
    };
    add('create answered', 0, created);
    for (const t of tasks) add(t.name, t.start, t.end);
    add('callback received', at - t0, at - t0);
  }
  console.log(`passport + selfie + authenticity + AML, ${SESSIONS} sessions, ${THREADS || 'one per core ='} ${THREADS ? '' : os.availableParallelism()} engine thread(s): last upload → callback median ${pct(times, 50)} ms, p95 ${pct(times, 95)} ms`);
  console.log('profile (median ms after the create call): step | start | end | took');
  for (const [name, p] of [...profile].sort((a, b) => pct(a[1].start, 50)! - pct(b[1].start, 50)!)) {
    const took = p.end.map((e, k) => e - p.start[k]!);
    console.log(`  ${name.padEnd(32)} | ${String(pct(p.start, 50)).padStart(6)} | ${String(pct(p.end, 50)).padStart(6)} | ${String(pct(took, 50)).padStart(6)}${p.start.length !== times.length ? ` (${p.start.length} runs)` : ''}`);
  }

  // Delivery throughput: expired sessions all calling back at once, vs a plain POST loop.
  const refs: string[] = [];
  for (let i = 0; i < CALLBACKS; i++) refs.push((await post({ expiry: 600 })).reference);
  const before = rx.received.length;
  const t1 = Date.now();
  await server.comp.database.db.updateTable('sessions').set({ expires_at: Date.now() - 1 }).where('reference', 'in', refs).execute();
  while (rx.received.length - before < CALLBACKS) await new Promise((r) => setTimeout(r, 10));
  const deliveredPerSec = CALLBACKS / ((Date.now() - t1) / 1000);
  const t2 = Date.now();
  const body = JSON.stringify(rx.received.at(-1)!.json);
  for (let i = 0; i < CALLBACKS; i += 4) await Promise.all([0, 1, 2, 3].map(() => fetch(rx.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })));
  const rawPerSec = CALLBACKS / ((Date.now() - t2) / 1000);
  console.log(`callbacks delivered: ${deliveredPerSec.toFixed(0)}/s (durable: each one an outcome + delivery + job row, an encrypted payload file, an attempt row); plain POST loop (4 at a time): ${rawPerSec.toFixed(0)}/s; ratio ${(deliveredPerSec / rawPerSec).toFixed(2)}`);
} finally {
  await rx.close();
  await server.close();
}
