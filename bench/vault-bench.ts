// Vault benchmark: save throughput, list latency by query path, 1:N face search, on SQLite
// (and PostgreSQL when reachable). Service level (no HTTP), so it measures the vault itself:
// sealing, blind-index look-ups, in-memory decrypt-filter-sort, descriptor search.
// Run: npx tsx bench/vault-bench.ts [entries]   (default 2000)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { sql } from 'kysely';
import sharp from 'sharp';
import { loadConfig } from '../src/config/load-config.ts';
import { compose } from '../src/compose.ts';
import { createApiKey } from '../src/services/accounts/api-keys.ts';
import { saveVaultEntry } from '../src/services/vault/vault-save-entry.ts';
import { listVaultEntries } from '../src/services/vault/vault-list-entries.ts';
import { searchVaultByEmbedding } from '../src/services/vault/vault-search-face.ts';
import { closeVaultContext } from '../src/services/vault/vault-context.ts';
import { createPostgresSchema, postgresReachable } from '../test/helpers/databases.ts';

const N = Number(process.argv[2] ?? 2000);
const FIRST = ['JOHN', 'ANNA', 'ZOE', 'MARIA', 'LI', 'OMAR', 'SARA', 'IVAN', 'NINA', 'PAUL'];
const LAST = ['SMITH', 'GARCIA', 'ADAMS', 'NGUYEN', 'KOWALSKI', 'OKAFOR', 'MÜLLER', 'ROSSI'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}
const unit = () => {
  const v = Array.from({ length: 128 }, () => Math.random() - 0.5);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};

async function benchDialect(dialect: 'sqlite' | 'postgres') {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-vault-bench-'));
  const pgSchema = dialect === 'postgres' ? await createPostgresSchema() : undefined;
  const config = loadConfig({ IDGATE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...(pgSchema ? { DATABASE_URL: pgSchema.url } : {}) });
  const comp = await compose(config, { logger: pino({ level: 'silent' }) });
  const deps = comp.deps;
  const { row } = await createApiKey(deps, { name: 'bench' });
  const acc = row.account_id;
  const jpeg = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#8899aa' } }).jpeg().toBuffer();
  try {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) {
      await saveVaultEntry(deps, acc, {
        data: { firstName: FIRST[i % FIRST.length], lastName: LAST[i % LAST.length], documentNumber: `D${100000 + i}`, dob_year: 1950 + (i % 60), dob: `${1950 + (i % 60)}/01/15`, nationality_iso2: 'US' },
        customid: `user-${i}`,
        reference: randomBytes(6).toString('hex').toUpperCase(),
        images: [{ type: 'document', side: 'front', bytes: jpeg, ext: 'jpg' }],
        faceEmbedding: unit(),
      });
    }
    const saveMs = performance.now() - t0;
    // Steady state: PostgreSQL's autovacuum would have analysed the tables; fresh ones plan badly.
    if (dialect === 'postgres') await sql`ANALYZE`.execute(comp.database.db);
    const baseline = await time(30, () => listVaultEntries(deps, acc, { filter: [] }));
    const createtime = await time(30, () => listVaultEntries(deps, acc, { filter: ['createtime>=2000/01/01'] }));
    const equality = await time(30, () => listVaultEntries(deps, acc, { filter: ['lastName=garcia', 'firstName=ANNA'] }));
    const customid = await time(30, () => listVaultEntries(deps, acc, { filter: [`docupass_customid=user-${N >> 1}`] }));
    const range = await time(10, () => listVaultEntries(deps, acc, { filter: ['dob_year>=1990'] }));
    const orderEnc = await time(10, () => listVaultEntries(deps, acc, { filter: [], orderby: 'lastName', sort: 'ASC' }));
    const search = await time(10, () => searchVaultByEmbedding(deps, acc, unit(), { maxentry: 10, threshold: 0.5 }));
    const b = median(baseline);
    const line = (name: string, xs: number[]) => `  ${name.padEnd(52)} median ${median(xs).toFixed(1).padStart(7)} ms  p95 ${p95(xs).toFixed(1).padStart(7)} ms  ×${(median(xs) / b).toFixed(2)} vs baseline`;
    console.log(`\n${dialect}, ${N} entries (1 image + 1 descriptor each)`);
    console.log(`  save: ${(N / (saveMs / 1000)).toFixed(0)} entries/s (${(saveMs / N).toFixed(2)} ms each, sealing + index + encrypted image file)`);
    console.log(line('list, no filter, createtime DESC (baseline, SQL)', baseline));
    console.log(line('list, createtime>= (plain column, SQL)', createtime));
    console.log(line('list, 2 equality filters (blind index, SQL)', equality));
    console.log(line('list, docupass_customid= (blind index, SQL)', customid));
    console.log(line('list, dob_year>=1990 (decrypt all + filter)', range));
    console.log(line('list, orderby lastName (decrypt all + sort)', orderEnc));
    console.log(line(`searchFace 1:N over ${N} descriptors (decrypt + compare)`, search));
  } finally {
    await closeVaultContext(deps);
    await comp.close();
    await pgSchema?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`vault bench on ${os.cpus().length} cores, node ${process.version}`);
await benchDialect('sqlite');
if (await postgresReachable()) await benchDialect('postgres');
else console.log('\npostgres: not reachable, not performed');
