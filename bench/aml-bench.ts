// AML screening benchmark: a labelled set built from the real lists (OFAC SDN 2024-05-03 + UN
// consolidated, as shipped in assets/aml) → recall, false-positive rate, queries/s on one core,
// latency percentiles, index memory, start-up import and index build. Baseline in the same run:
// a full scan (Jaro-Winkler of the sorted token string against every listed name, no blocking).
// Run: npx tsx bench/aml-bench.ts [positives]   (default 1600)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { connectDatabase, migrateToLatest } from '../src/database/connect.ts';
import { amlRepository } from '../src/database/repositories/aml-repository.ts';
import { AmlIndexHolder, BUNDLED_AML_DIR, BUNDLED_LISTS } from '../src/services/aml-index-holder.ts';
import { parseListFiles } from '../src/engines/aml/parse-list-files.ts';
import { buildAmlIndex, indexMemoryBytes, type AmlIndex } from '../src/engines/aml/aml-index.ts';
import { screenIndex, DEFAULT_THRESHOLD } from '../src/engines/aml/screen-index.ts';
import { nameTokens } from '../src/engines/aml/normalize-name.ts';
import { jaroWinkler } from '../src/engines/aml/jaro-winkler.ts';
import { ARABIC_SCRIPT_COUNTRIES, COMMON_FIRST, COMMON_LAST, prng, variant, type VariantKind } from '../src/engines/aml/name-variants.ts';
import { EnginePool } from '../src/engines/pool/engine-pool.ts';

const N_POS = Number(process.argv[2] ?? 1600);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const fmt = (x: number, d = 2) => x.toFixed(d);
const log = (s: string) => process.stdout.write(`${s}\n`);

log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model}), load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}, node ${process.version}`);

// 1. Start-up: first start imports the bundled snapshots into an empty SQLite database, then builds the index.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aml-bench-'));
{
  const h = connectDatabase({ dataDir: dir });
  await migrateToLatest(h.db);
  const logger = pino({ level: 'silent' });
  let t = performance.now();
  const holder = new AmlIndexHolder(amlRepository(h.db), logger, Date.now);
  await holder.get();
  const first = performance.now() - t;
  t = performance.now();
  const again = new AmlIndexHolder(amlRepository(h.db), logger, Date.now);
  await again.get();
  const restart = performance.now() - t;
  log(`start-up (SQLite): first start, import bundled OFAC+UN and build index ${fmt(first / 1000)} s; restart, load from database and build ${fmt(restart / 1000)} s`);
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

// 2. The index over the shipped lists.
const entities = BUNDLED_LISTS.flatMap((l) => parseListFiles([{ name: l.name, data: fs.readFileSync(path.join(BUNDLED_AML_DIR, l.file)) }], l.database).entities);
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let t0 = performance.now();
const ix: AmlIndex = buildAmlIndex(entities);
const buildMs = performance.now() - t0;
global.gc?.();
const heapAfter = process.memoryUsage().heapUsed;
log(`index: ${entities.length} entities, ${ix.nameEntity.length} names, ${ix.tokens.length} tokens, ${ix.keys.size} blocking keys; built in ${fmt(buildMs, 0)} ms; ` +
  `index structures ≈ ${fmt(indexMemoryBytes(ix) / 1e6, 1)} MB (estimate)${global.gc ? `, heap growth ${fmt((heapAfter - heapBefore) / 1e6, 1)} MB` : ''}`);

// 3. Labelled set. Positives: variants of listed names; negatives: common names no listed name contains.
const rnd = prng(42);
const KINDS: VariantKind[] = ['typo', 'swap', 'drop-middle', 'cyrillic', 'greek', 'arabic', 'noise', 'swap+typo'];
type Labelled = { query: string; kind: VariantKind | 'negative'; entity: number };
const positives: Labelled[] = [];
const candidates = entities.map((e, i) => ({ e, i })).filter(({ e }) => nameTokens(e.fullname[0]!).filter((t) => t.length > 1).length >= 2);
while (positives.length < N_POS) {
  const { e, i } = candidates[Math.floor(rnd() * candidates.length)]!;
  const kind = KINDS[positives.length % KINDS.length]!;
  // Scripts are for persons; organisation names are screened in Latin.
  if (e.entity !== 'person' && (kind === 'cyrillic' || kind === 'greek' || kind === 'arabic')) continue;
  // Arabic script only for names of Arabic-script countries: Arabic drops short vowels, so a
  // Spanish name written in Arabic is not a query anyone screens.
  if (kind === 'arabic' && !e.nationality.some((c) => ARABIC_SCRIPT_COUNTRIES.has(c))) continue;
  if (kind === 'drop-middle' && nameTokens(e.fullname[0]!).length < 3) continue;
  positives.push({ query: variant(e.fullname[0]!, kind, rnd), kind, entity: i });
}
const listedTokenSets = ix.nameText.map((n) => new Set(nameTokens(n)));
const negatives: Labelled[] = [];
for (const f of COMMON_FIRST) for (const l of COMMON_LAST) {
  if (rnd() > 0.3) continue; // a 30% sample of the 8,800 combinations keeps the run short
  const toks = nameTokens(`${f} ${l}`);
  if (listedTokenSets.some((s) => toks.every((t) => s.has(t)))) continue;
  negatives.push({ query: `${f} ${l}`, kind: 'negative', entity: -1 });
}
log(`labelled set: ${positives.length} variants of listed names (${KINDS.join(', ')}), ${negatives.length} common non-listed names`);

// 4. Quality at several thresholds.
function evaluate(threshold: number) {
  const byKind = new Map<string, { n: number; hit: number }>();
  let hits = 0;
  for (const p of positives) {
    const found = screenIndex(ix, { name: p.query, threshold }).some((h) => h.entity === p.entity);
    if (found) hits++;
    const k = byKind.get(p.kind) ?? { n: 0, hit: 0 };
    k.n++;
    if (found) k.hit++;
    byKind.set(p.kind, k);
  }
  let fp = 0;
  for (const n of negatives) if (screenIndex(ix, { name: n.query, threshold }).length) fp++;
  return { recall: hits / positives.length, fpr: fp / negatives.length, byKind };
}
// Arabic-script matching compares consonants only, so its false positives are measured apart.
const arabicNegatives = negatives.slice(0, 600).map((n) => variant(n.query, 'arabic', rnd));
for (const th of [0.85, 0.9]) {
  const fp = arabicNegatives.filter((q) => screenIndex(ix, { name: q, threshold: th }).length > 0).length;
  log(`threshold ${th}: false-positive rate on ${arabicNegatives.length} common names written in Arabic script ${fmt(fp / arabicNegatives.length, 4)}`);
}
for (const th of [0.8, 0.85, 0.88, 0.9]) {
  const r = evaluate(th);
  log(`threshold ${th}${th === DEFAULT_THRESHOLD ? ' (default)' : ''}: recall ${fmt(r.recall, 4)}, false-positive rate ${fmt(r.fpr, 4)}`);
  if (th === DEFAULT_THRESHOLD) log(`  recall by variant: ${[...r.byKind].map(([k, v]) => `${k} ${fmt(v.hit / v.n, 3)}`).join(', ')}`);
}

// 5. Speed on this thread (one core): every query of the set, several rounds after a warm-up.
const all = [...positives, ...negatives].map((x) => x.query);
for (const q of all.slice(0, 500)) screenIndex(ix, { name: q });
const lat: number[] = [];
const ROUNDS = 2;
t0 = performance.now();
const cpu0 = process.cpuUsage();
for (let r = 0; r < ROUNDS; r++) {
  for (const q of all) {
    const t = performance.now();
    screenIndex(ix, { name: q });
    lat.push(performance.now() - t);
  }
}
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
log(`matcher: ${lat.length} queries in ${fmt(wall, 0)} ms wall (${fmt(cpuMs, 0)} ms CPU): ${fmt(lat.length / (wall / 1000), 0)} queries/s wall, ${fmt(lat.length / (cpuMs / 1000), 0)} queries/s per CPU-second; ` +
  `latency p50 ${fmt(pct(lat, 0.5), 3)} ms, p95 ${fmt(pct(lat, 0.95), 3)} ms, p99 ${fmt(pct(lat, 0.99), 3)} ms, max ${fmt(pct(lat, 1), 2)} ms`);

// 6. Baseline: full scan, no blocking (sorted-token Jaro-Winkler against every name), on a sample.
const sortedNames = ix.nameText.map((n) => nameTokens(n).sort().join(' '));
const sample = [...positives.slice(0, 150), ...negatives.slice(0, 50)];
let baseHits = 0;
let baseFp = 0;
const baseLat: number[] = [];
for (const x of sample) {
  const q = nameTokens(x.query).sort().join(' ');
  const t = performance.now();
  const found = new Set<number>();
  for (let n = 0; n < sortedNames.length; n++) if (jaroWinkler(q, sortedNames[n]!) >= 0.9) found.add(ix.nameEntity[n]!);
  baseLat.push(performance.now() - t);
  if (x.entity >= 0 && found.has(x.entity)) baseHits++;
  if (x.entity < 0 && found.size) baseFp++;
}
const ourLat: number[] = [];
let ourHits = 0;
for (const x of sample) {
  const t = performance.now();
  const h = screenIndex(ix, { name: x.query });
  ourLat.push(performance.now() - t);
  if (x.entity >= 0 && h.some((y) => y.entity === x.entity)) ourHits++;
}
const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
log(`baseline full scan (JW ≥ 0.9 on sorted tokens) on ${sample.length} queries: recall ${fmt(baseHits / 150, 3)} vs ${fmt(ourHits / 150, 3)}, ` +
  `false positives ${baseFp}/50; mean ${fmt(meanOf(baseLat), 2)} ms vs ${fmt(meanOf(ourLat), 3)} ms per query → blocking index is ${fmt(meanOf(baseLat) / meanOf(ourLat), 0)}× faster`);

// 7. Why matching stays on the calling thread: a worker-pool round trip costs more than a query.
const pool = new EnginePool({ threads: 1 });
await pool.run('pool.ping', { n: 0 });
const rt: number[] = [];
for (let i = 0; i < 300; i++) {
  const t = performance.now();
  await pool.run('pool.ping', { name: 'Vladimir Putin' });
  rt.push(performance.now() - t);
}
await pool.close();
log(`worker-pool round trip (empty task): p50 ${fmt(pct(rt, 0.5), 3)} ms, p99 ${fmt(pct(rt, 0.99), 3)} ms vs matcher p50 ${fmt(pct(lat, 0.5), 3)} ms → ratio ${fmt(pct(rt, 0.5) / pct(lat, 0.5), 1)}×`);
