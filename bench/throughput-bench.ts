// Verifications per hour with 8 sessions in flight (passport + selfie + authenticity + AML), on
// the engine threads of one process (default one per core), and each session's last upload →
// callback time under that load (median, p95). Run: npx tsx bench/throughput-bench.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer } from '../test/helpers/test-server.ts';
import { startReceiver } from '../test/helpers/callback-receiver.ts';

const SHARED = path.resolve(process.cwd(), '../shared/data');
if (!fs.existsSync(SHARED)) {
  console.log('../shared/data is absent: throughput bench skipped');
  process.exit(0);
}
const TOTAL = Number(process.env.BENCH_SESSIONS ?? 40);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 8);
const THREADS = process.env.BENCH_THREADS ?? '';
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const server = await startTestServer({
  env: { ...(THREADS ? { IDGATE_WORKER_THREADS: THREADS } : {}), IDGATE_RATE_LIMIT_PER_MINUTE: '0', IDGATE_JOB_CONCURRENCY: String(IN_FLIGHT) },
});
const rx = await startReceiver();
try {
  const passport = fs.readFileSync(path.join(SHARED, 'mrz-document-images/images/passporteye__passport-td3.jpg')).toString('base64');
  const selfie = fs.readFileSync(path.join(SHARED, 'face-verification/images/deepface__img1.jpg')).toString('base64');
  const one = async (): Promise<number> => {
    const t0 = Date.now();
    const res = await fetch(`${server.url}/docupass/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apikey: server.key, companyname: 'Bench', type: 1, callbackurl: rx.url, document_base64: passport, face_base64: selfie, biometric: 1, aml_check: true, verify_expiry: false, authenticate_minscore: 0.3, maxattempt: 1 }),
    });
    const { reference } = (await res.json()) as { reference: string };
    for (;;) {
      const hit = rx.received.find((r) => r.json?.reference === reference);
      if (hit) return hit.at - t0;
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  // Warm-up: every engine thread loads its models.
  await Promise.all(Array.from({ length: IN_FLIGHT }, one));
  const times: number[] = [];
  let started = 0;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (started < TOTAL) {
        started++;
        times.push(await one());
      }
    }),
  );
  const seconds = (Date.now() - t0) / 1000;
  const threads = THREADS || String(os.availableParallelism());
  console.log(
    `throughput, ${TOTAL} sessions, ${IN_FLIGHT} in flight, ${threads} engine thread(s) on ${os.availableParallelism()} cores: ${Math.round((TOTAL / seconds) * 3600)} verifications/hour; last upload → callback median ${pct(times, 50)} ms, p95 ${pct(times, 95)} ms`,
  );
} finally {
  await rx.close();
  await server.close();
}
