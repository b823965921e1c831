// POST /docupass/create throughput and p99 against a bare Fastify hello-world measured in the
// same run. Each server runs in its own process; autocannon drives both from this one.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { freePort, waitHealthy } from '../test/helpers/processes.ts';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;
const KEY = 'bench_key_0123456789abcdef';

function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (c) => reject(new Error(`exited ${c}: ${out}`)));
  });
}

async function load(url: string, body: string, contentType: string) {
  const r = await autocannon({ url, method: 'POST', body, headers: { 'content-type': contentType }, connections: CONNECTIONS, duration: DURATION });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx };
}


const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-bench-'));
const hello = await start(['--import', 'tsx', 'bench/servers/hello-server.ts'], {}, /LISTENING (\d+)/);
const idgatePort = await freePort();
const idgateChild = spawn(process.execPath, ['bin/idgate.mjs', 'serve'], {
  stdio: 'inherit',
  env: { ...process.env, IDGATE_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(idgatePort), IDGATE_BOOTSTRAP_API_KEY: KEY, IDGATE_RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '' },
});
const idgate = { child: idgateChild, port: idgatePort };
await waitHealthy(idgatePort);
try {
  const createBody = JSON.stringify({ apikey: KEY, companyname: 'Bench Ltd', type: 1, callbackurl: 'https://example.com/cb', customid: 'bench', biometric: 1, aml_check: true });
  // Warm both up so JIT and connection pools are settled before measuring.
  await autocannon({ url: `http://127.0.0.1:${hello.port}/`, method: 'POST', body: '{}', headers: { 'content-type': 'application/json' }, duration: 2, connections: 4 });
  await autocannon({ url: `http://127.0.0.1:${idgate.port}/docupass/create`, method: 'POST', body: createBody, headers: { 'content-type': 'application/json' }, duration: 2, connections: 4 });
  const base = await load(`http://127.0.0.1:${hello.port}/`, '{}', 'application/json');
  const create = await load(`http://127.0.0.1:${idgate.port}/docupass/create`, createBody, 'application/json');
  const dialect = process.env.BENCH_DATABASE_URL ? 'postgres' : 'sqlite';
  console.log(`connections ${CONNECTIONS}, ${DURATION}s each, database ${dialect} (WAL, synchronous=NORMAL)`);
  console.log(`hello-world baseline : ${base.rps.toFixed(0)} req/s, p99 ${base.p99} ms, errors ${base.errors}`);
  console.log(`POST /docupass/create: ${create.rps.toFixed(0)} req/s, p99 ${create.p99} ms, errors ${create.errors}`);
  console.log(`ratio create/baseline: ${(create.rps / base.rps).toFixed(3)} (aim ≥ 0.40)`);
} finally {
  hello.child.kill();
  idgate.child.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
