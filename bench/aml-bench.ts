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
import { AmlIndexHolder, BUNDLED_AML_DIR, BUNDLED_LISTS } from '../src/services/aml/aml-index-holder.ts';
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
if (!process.env.AML_BENCH_QUALITY_ONLY) {
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
// Script variants follow each language's own transcription of foreign names (script-variants.ts),
// written independently of the matcher's transliteration tables.
const rnd = prng(42);
const KINDS: VariantKind[] = ['typo', 'swap', 'drop-middle', 'cyrillic', 'greek', 'arabic', 'noise', 'swap+typo'];
type Labelled = { query: string; kind: string; entity: number };
const positives: Labelled[] = [];
const candidates = entities.map((e, i) => ({ e, i })).filter(({ e }) => nameTokens(e.fullname[0]!).filter((t) => t.length > 1).length >= 2);
const LATIN = /^[\p{Script=Latin}\p{P}\p{N}\s]+$/u;
while (positives.length < N_POS) {
  const { e, i } = candidates[Math.floor(rnd() * candidates.length)]!;
  const kind = KINDS[positives.length % KINDS.length]!;
  const name = e.fullname[0]!;
  // Scripts are for persons; organisation names are screened in Latin.
  if (e.entity !== 'person' && (kind === 'cyrillic' || kind === 'greek' || kind === 'arabic')) continue;
  // Arabic script only for names of Arabic-script countries: Arabic drops short vowels, so a
  // Spanish name written in Arabic is not a query anyone screens.
  if (kind === 'arabic' && !e.nationality.some((c) => ARABIC_SCRIPT_COUNTRIES.has(c))) continue;
  // Middle names are a person's: an organisation without its middle words is another name.
  if (kind === 'drop-middle' && (e.entity !== 'person' || nameTokens(name).length < 3)) continue;
  if (!LATIN.test(name)) continue;
  positives.push({ query: variant(name, kind, rnd, e.nationality), kind, entity: i });
}
const listedTokenSets = ix.nameText.map((n) => new Set(nameTokens(n)));
const negatives: Labelled[] = [];
const rndNeg = prng(7); // its own stream: the negatives stay the same when the positives change
for (const f of COMMON_FIRST) for (const l of COMMON_LAST) {
  if (rndNeg() > 0.3) continue; // a 30% sample of the 8,800 combinations keeps the run short
  const toks = nameTokens(`${f} ${l}`);
  if (listedTokenSets.some((s) => toks.every((t) => s.has(t)))) continue;
  negatives.push({ query: `${f} ${l}`, kind: 'negative', entity: -1 });
}
// The same common names written in the three scripts (600 each): lost vowels and merged letters
// make script queries collide more easily, so their false positives are counted apart too.
const scriptNegatives: Labelled[] = [];
for (const kind of ['cyrillic', 'greek', 'arabic'] as const) {
  for (const n of negatives.slice(0, 600)) scriptNegatives.push({ query: variant(n.query, kind, rndNeg), kind: `negative-${kind}`, entity: -1 });
}

// Real names in their own script: the UN list's original-script names (Arabic, Cyrillic), screened
// against an index built without any non-Latin name, so only the Latin spellings can match.
// A name that mixes both ("Abou Dher (عبد العالي ابو ذر)") keeps its Latin part in the index and
// gives its non-Latin part as the query.
const NON_LATIN_PART = /[(（]?[^\p{Script=Latin}()（）]*[^\p{Script=Latin}\p{P}\p{S}\p{N}\s()（）][^\p{Script=Latin}()（）]*[)）]?/gu;
const latinPart = (n: string) => n.replace(NON_LATIN_PART, ' ').replace(/\s+/g, ' ').trim();
const scriptPart = (n: string) => (n.match(NON_LATIN_PART) ?? []).join(' ').replace(/[()（）]/g, ' ').replace(/\s+/g, ' ').trim();
const latinOnly = entities.map((e) => ({ ...e, fullname: e.fullname.map(latinPart).filter((n) => /\p{L}/u.test(n)), alias: e.alias.map(latinPart).filter((n) => /\p{L}/u.test(n)) }));
const ixLatin = buildAmlIndex(latinOnly);
const realScript: Labelled[] = [];
entities.forEach((e, i) => {
  for (const n of [...e.fullname, ...e.alias]) {
    const q = scriptPart(n);
    if (!q || nameTokens(q).length < 2) continue;
    const script = /[\u0600-\u06ff]/.test(q) ? 'un-arabic' : /[\u0400-\u04ff]/.test(q) ? 'un-cyrillic' : 'un-other';
    // Organisations' names in their own script are mostly translations (جبهة النصرة = Al-Nusrah
    // Front), which no spelling comparison finds: counted apart.
    realScript.push({ query: q, kind: e.entity === 'person' ? script : `${script}-org`, entity: i });
  }
});
log(`labelled set: ${positives.length} variants of listed names (${KINDS.join(', ')}), ${negatives.length} common non-listed names, ` +
  `${scriptNegatives.length} of them in Cyrillic, Greek and Arabic script; ${realScript.length} real original-script names from the UN list ` +
  `(${['un-arabic', 'un-cyrillic', 'un-other'].map((k) => `${realScript.filter((x) => x.kind === k).length} ${k.slice(3)}`).join(', ')}) against a Latin-only index`);

// 4. Quality. Each query is screened once at a low threshold; a hit counts at threshold t when its
// score is ≥ t (the matcher's pruning only drops names below the threshold asked for).
const LOW = 0.7;
const bestScore = (index: AmlIndex, x: Labelled) => {
  const hits = screenIndex(index, { name: x.query, threshold: LOW, limit: 10_000 });
  if (x.entity < 0) return hits.length ? hits[0]!.score : 0;
  return hits.find((h) => h.entity === x.entity)?.score ?? 0;
};
const posScores = positives.map((p) => bestScore(ix, p));
const negScores = negatives.map((n) => bestScore(ix, n));
const scriptNegScores = scriptNegatives.map((n) => bestScore(ix, n));
const realScores = realScript.map((x) => bestScore(ixLatin, x));
const share = (xs: number[], th: number, want = true) => xs.filter((s) => (s >= th) === want).length / Math.max(1, xs.length);
const byKind = (set: Labelled[], scores: number[], th: number) => {
  const m = new Map<string, number[]>();
  set.forEach((x, i) => m.set(x.kind, [...(m.get(x.kind) ?? []), scores[i]!]));
  return [...m].map(([k, v]) => `${k} ${fmt(share(v, th), 3)}`).join(', ');
};
log('threshold | recall | FPR common names | FPR same names in Cyrillic/Greek/Arabic | recall real UN original-script names of persons');
const personReal = realScript.map((x, i) => [x, realScores[i]!] as const).filter(([x]) => !x.kind.endsWith('-org')).map(([, s]) => s);
for (const th of [0.8, 0.82, 0.85, 0.88, 0.9]) {
  log(`${th}${th === DEFAULT_THRESHOLD ? ' (default)' : ''} | ${fmt(share(posScores, th), 4)} | ${fmt(share(negScores, th), 4)} | ` +
    `${['cyrillic', 'greek', 'arabic'].map((k) => fmt(share(scriptNegScores.filter((_, i) => scriptNegatives[i]!.kind === `negative-${k}`), th), 4)).join(' / ')} | ${fmt(share(personReal, th), 4)}`);
}
log(`  recall by variant at ${DEFAULT_THRESHOLD}: ${byKind(positives, posScores, DEFAULT_THRESHOLD)}; real: ${byKind(realScript, realScores, DEFAULT_THRESHOLD)}`);
if (process.env.AML_BENCH_MISSES) {
  positives.forEach((p, i) => posScores[i]! < DEFAULT_THRESHOLD && log(`  miss ${p.kind}: ${p.query} → ${entities[p.entity]!.fullname[0]} (${posScores[i]})`));
  realScript.forEach((p, i) => realScores[i]! < DEFAULT_THRESHOLD && log(`  miss ${p.kind}: ${p.query} → ${entities[p.entity]!.fullname[0]} (${realScores[i]})`));
  [...negatives, ...scriptNegatives].forEach((n) => {
    const h = screenIndex(ix, { name: n.query })[0];
    if (h) log(`  false positive ${n.kind}: ${n.query} → ${h.matched.name} (${h.score})`);
  });
}

if (process.env.AML_BENCH_QUALITY_ONLY) process.exit(0);

// 5. Speed on this thread (one core): every query of the set, several rounds after a warm-up.
const all = [...positives, ...negatives, ...scriptNegatives].map((x) => x.query);
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
// Wall-clock latency on a shared machine counts the time other processes held the core; the CPU
// time each query used (process.cpuUsage around it, microsecond resolution) is what one core costs.
const cpuLat: number[] = [];
for (const q of all) {
  const c0 = process.cpuUsage();
  screenIndex(ix, { name: q });
  const c = process.cpuUsage(c0);
  cpuLat.push((c.user + c.system) / 1000);
}
log(`matcher CPU time per query (one more round): p50 ${fmt(pct(cpuLat, 0.5), 3)} ms, p95 ${fmt(pct(cpuLat, 0.95), 3)} ms, p99 ${fmt(pct(cpuLat, 0.99), 3)} ms, max ${fmt(pct(cpuLat, 1), 2)} ms`);

// The issue's aims, in one line: recall at the default threshold and at the lowest threshold
// (0.005 steps) whose false-positive rate on the common names is at most 1%.
let atOnePct = { th: 1, recall: 0 };
for (let th = 0.8; th <= 0.95 + 1e-9; th += 0.005) {
  if (share(negScores, th) <= 0.01) {
    atOnePct = { th, recall: share(posScores, th) };
    break;
  }
}
log(`aims (issue 6): recall ${fmt(share(posScores, DEFAULT_THRESHOLD), 4)} at FPR ${fmt(100 * share(negScores, DEFAULT_THRESHOLD), 2)}% (default ${DEFAULT_THRESHOLD}); ` +
  `${fmt(atOnePct.recall, 4)} at threshold ${fmt(atOnePct.th, 3)}, the lowest with FPR ≤ 1% [aim ≥ 0.98 at ≤ 1%]; ` +
  `${fmt(lat.length / (cpuMs / 1000), 0)} queries per CPU-second [aim ≥ 2,000 per core]; p99 ${fmt(pct(lat, 0.99), 2)} ms wall, ${fmt(pct(cpuLat, 0.99), 2)} ms CPU [aim < 5 ms]`);

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
