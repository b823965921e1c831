// Face verification benchmark: accuracy at the default threshold, TAR at 1% / 0.1% FAR, ROC
// summary and time per face, on the shared photo pairs and on generated document-vs-selfie pairs.
// Run alone: `npx tsx bench/face-bench.ts`; IDGATE_FACE_SSD_SIZE=512 measures the detector at
// face-api's own input size (the default before issue 8's speed work), any other size likewise.
// Embeddings are cached within the run (each photo is embedded once), so the run takes a few
// minutes on one core.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzeDecoded, analyzeFaceImage } from '../src/engines/face/analyze-face.ts';
import { widenBox } from '../src/engines/face/compare-faces.ts';
import { confidenceFromDistance, distanceForConfidence, euclidean } from '../src/engines/face/confidence-from-distance.ts';
import { decodeImage } from '../src/engines/face/decode-image.ts';
import { DEFAULT_SSD_INPUT_SIZE, setSsdInputSize } from '../src/engines/face/detect-faces.ts';
import { loadFaceApi } from '../src/engines/face/face-models.ts';
import type { FaceBox } from '../src/engines/face/face-types.ts';
import { humanFaces } from '../src/engines/face/human-face.ts';
import { detectSsd } from '../src/engines/face/ssd-detector.ts';
import { loadHuman } from '../src/engines/face/human-models.ts';
import sharp from 'sharp';
import { makeDocumentCard } from '../test/fixtures/faces/make-document-card.ts';

// One core: libvips would otherwise decode with several threads; tfjs-wasm is single-threaded here.
sharp.concurrency(1);

const dir = path.resolve(process.cwd(), '../shared/data/face-verification');
if (!fs.existsSync(path.join(dir, 'pairs.csv'))) {
  console.log(`face bench: ${dir} not found; not performed`);
  process.exit(0);
}
const THRESHOLD = 0.4;
const csv = (f: string): string[][] => fs.readFileSync(path.join(dir, f), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.trim().split(','));
const pairs = csv('pairs.csv').map(([a, b, s]) => ({ a: a!, b: b!, same: s === '1' }));
const identities = new Map(csv('identities.csv').map((r) => [r[0]!, { id: r[1]!, derivedFrom: r[5] ?? '' }]));
const files = [...new Set(pairs.flatMap((p) => [p.a, p.b]))].sort();

const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s.length ? (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2 : NaN; };
const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;

const p90 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]!;
if (process.env.IDGATE_FACE_BENCH_PART === 'compare-cpu') {
  await compareCpu();
  process.exit(0);
}
const ssdSize = Number(process.env.IDGATE_FACE_SSD_SIZE ?? DEFAULT_SSD_INPUT_SIZE);
setSsdInputSize(ssdSize);
let t = performance.now();
await loadFaceApi();
const loadMs = performance.now() - t;
console.log(`cpus=${os.cpus().length} loadavg(1m)=${os.loadavg()[0]!.toFixed(2)} node=${process.version} (wall times below include waiting for a core when loadavg > 1)`);
console.log(`face-api model load: ${loadMs.toFixed(0)} ms; SSD input ${ssdSize} px${ssdSize === DEFAULT_SSD_INPUT_SIZE ? ' (default)' : ''}`);

// 1. Embed every photo once (decode + detect + landmarks + descriptor), timing each.
const emb = new Map<string, number[]>();
const boxes = new Map<string, FaceBox>();
const ms: number[] = [];
const cpuMs: number[] = [];
const sharpness: number[] = [];
let ruleFailures = 0;
await analyzeFaceImage(fs.readFileSync(path.join(dir, 'images', files[0]!)), 'selfie'); // warm-up, not timed
for (const f of files) {
  const bytes = fs.readFileSync(path.join(dir, 'images', f));
  t = performance.now();
  const cpu0 = process.cpuUsage();
  const a = await analyzeFaceImage(bytes, 'selfie');
  const cpu = process.cpuUsage(cpu0);
  ms.push(performance.now() - t);
  cpuMs.push((cpu.user + cpu.system) / 1000);
  if (a.failure) {
    ruleFailures++;
    console.log(`  ${f}: ${a.failure.code}`);
  }
  if (a.detection) {
    boxes.set(f, a.detection.box);
    sharpness.push(a.detection.quality.sharpness);
  }
  if (a.descriptor) emb.set(f, [...a.descriptor]);
}
console.log(`photos: ${files.length}, embedded: ${emb.size}, failed a selfie rule: ${ruleFailures}; lowest face sharpness ${Math.min(...sharpness)}`);
// CPU time is the figure that holds on a shared machine: wall time also counts waiting for a core.
console.log(`time per face (decode+detect+landmarks+descriptor, one thread): CPU median ${median(cpuMs).toFixed(0)} ms, p90 ${p90(cpuMs).toFixed(0)} ms; wall median ${median(ms).toFixed(0)} ms, p90 ${p90(ms).toFixed(0)} ms; loadavg(1m) now ${os.loadavg()[0]!.toFixed(2)}`);

// Where the time goes, on a sample of 12 photos: decoding, the SSD alone (at this run's size and
// at face-api's 512), and the rest of the analysis (landmarks, descriptor, quality measures).
const api = await loadFaceApi();
const ssdSizes = ssdSize === 512 ? [512] : [ssdSize, 512];
const stage: Record<string, number[]> = { decode: [], ...Object.fromEntries(ssdSizes.map((s) => [`ssd ${s}`, []])), 'landmarks+descriptor+quality': [] };
const cpuOf = async (fn: () => Promise<unknown>): Promise<number> => {
  const c0 = process.cpuUsage();
  await fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
for (const f of files.slice(0, 12)) {
  const bytes = fs.readFileSync(path.join(dir, 'images', f));
  let img: Awaited<ReturnType<typeof decodeImage>> | undefined;
  stage.decode!.push(await cpuOf(async () => (img = await decodeImage(bytes))));
  const tensor = api.tf.tensor3d(img!.data, [img!.height, img!.width, 3], 'int32');
  for (const size of ssdSizes) stage[`ssd ${size}`]!.push(await cpuOf(() => detectSsd(api, tensor, { inputSize: size, minScore: 0.5, maxResults: 20 })));
  tensor.dispose();
  const all = await cpuOf(() => analyzeDecoded(img!, 'selfie'));
  stage['landmarks+descriptor+quality']!.push(all - stage[`ssd ${ssdSize}`]!.at(-1)!);
}
console.log(`CPU per stage, median of 12 photos: ${Object.entries(stage).map(([k, v]) => `${k} ${median(v).toFixed(0)} ms`).join(', ')}`);

// Optional signals cost (human: detector + mesh + antispoof + liveness), on a sample of photos.
await loadHuman();
const hms: number[] = [];
for (const f of files.slice(0, 12)) {
  const img = await decodeImage(fs.readFileSync(path.join(dir, 'images', f)));
  const cpu0 = process.cpuUsage();
  await humanFaces(img);
  const cpu = process.cpuUsage(cpu0);
  hms.push((cpu.user + cpu.system) / 1000);
}
console.log(`human signals per face (11 photos after a warm-up): CPU median ${median(hms.slice(1)).toFixed(0)} ms`);

type Scored = { d: number; same: boolean };
function report(name: string, scored: Scored[]): void {
  const gen = scored.filter((s) => s.same).map((s) => s.d).sort((a, b) => a - b);
  const imp = scored.filter((s) => !s.same).map((s) => s.d).sort((a, b) => a - b);
  const dT = distanceForConfidence(THRESHOLD);
  const correct = scored.filter((s) => (confidenceFromDistance(s.d) >= THRESHOLD) === s.same).length;
  const tarAt = (far: number): { tar: number; d: number } => {
    const allowed = Math.floor(far * imp.length); // impostors that may fall at or below the cut
    const d = allowed >= imp.length ? Infinity : imp[allowed]! - 1e-9;
    return { tar: gen.filter((g) => g <= d).length / gen.length, d };
  };
  // AUC: probability that a random genuine pair is closer than a random impostor pair.
  let wins = 0;
  for (const g of gen) for (const i of imp) wins += g < i ? 1 : g === i ? 0.5 : 0;
  const auc = wins / (gen.length * imp.length);
  let eer = 1;
  for (const c of [...gen, ...imp]) {
    const frr = gen.filter((g) => g > c).length / gen.length;
    const far = imp.filter((i) => i <= c).length / imp.length;
    eer = Math.min(eer, Math.max(frr, far));
  }
  console.log(`\n## ${name}: ${gen.length} genuine, ${imp.length} impostor pairs`);
  console.log(`accuracy at confidence ≥ ${THRESHOLD} (distance ≤ ${dT.toFixed(3)}): ${pct(correct / scored.length)} (${correct}/${scored.length}); false accepts ${imp.filter((i) => i <= dT).length}, false rejects ${gen.filter((g) => g > dT).length}`);
  for (const far of [0.01, 0.001]) {
    const r = tarAt(far);
    console.log(`TAR at FAR ${pct(far)}: ${pct(r.tar)} (distance cut ${r.d.toFixed(3)})`);
  }
  console.log(`ROC: AUC ${auc.toFixed(5)}, EER ${pct(eer)}; genuine distance max ${gen.at(-1)!.toFixed(3)} median ${median(gen).toFixed(3)}; impostor distance min ${imp[0]!.toFixed(3)} median ${median(imp).toFixed(3)}`);
  console.log('confidence threshold → FAR / TAR:');
  for (const c of [0.1, 0.3, 0.4, 0.5, 0.7, 0.9]) {
    const d = distanceForConfidence(c);
    console.log(`  ${c.toFixed(1)} (d ≤ ${d.toFixed(3)}): FAR ${pct(imp.filter((i) => i <= d).length / imp.length)}, TAR ${pct(gen.filter((g) => g <= d).length / gen.length)}`);
  }
}

// 2. The shared pairs (the calibration set).
report('shared photo pairs (pairs.csv)', pairs.filter((p) => emb.has(p.a) && emb.has(p.b)).map((p) => ({ d: euclidean(emb.get(p.a)!, emb.get(p.b)!), same: p.same })));

// 3. Generated document-portrait-vs-selfie pairs: every photo printed on a card, against every
//    other photo (same identity = genuine). Pairs where one photo is an edit of the other are kept
//    out, as they would be the same capture.
const cardEmb = new Map<string, number[]>();
const cardMs: number[] = [];
for (const f of files) {
  const box = boxes.get(f);
  if (!box) continue;
  const card = await makeDocumentCard(fs.readFileSync(path.join(dir, 'images', f)), box);
  const cpu0 = process.cpuUsage();
  const a = await analyzeFaceImage(card.card, 'document', { crop: widenBox(card.portraitBox) });
  const cpu = process.cpuUsage(cpu0);
  cardMs.push((cpu.user + cpu.system) / 1000);
  if (a.descriptor) cardEmb.set(f, [...a.descriptor]);
  else console.log(`  card of ${f}: ${a.failure?.code}`);
}
const related = (x: string, y: string): boolean => identities.get(x)?.derivedFrom === y || identities.get(y)?.derivedFrom === x || (identities.get(x)?.derivedFrom !== '' && identities.get(x)?.derivedFrom === identities.get(y)?.derivedFrom);
const docPairs: Scored[] = [];
for (const [c, ce] of cardEmb) {
  for (const [s, se] of emb) {
    if (s === c || related(s, c)) continue;
    docPairs.push({ d: euclidean(ce, se), same: identities.get(s)!.id === identities.get(c)!.id });
  }
}
console.log(`\ncards: ${cardEmb.size}/${boxes.size} portraits found; CPU per card portrait (decode + crop + detect + descriptor) median ${median(cardMs).toFixed(0)} ms`);
report('generated document card vs other photo', docPairs);

// ---------------------------------------------------------------------------------------------
// face.compare as the pipeline calls it (document photo + portrait box + selfie, attack checks
// and antispoof/liveness signals on): CPU per call of this tree against a baseline commit's face
// engine, in the same run, alternating which goes first; and whether any decision differs.
// `IDGATE_FACE_BENCH_PART=compare-cpu npx tsx bench/face-bench.ts` runs only this part;
// IDGATE_FACE_BASE=<commit> picks the baseline (default 595306d, before issue 17's face speed work).
async function compareCpu(): Promise<void> {
  const { execSync } = await import('node:child_process');
  const base = process.env.IDGATE_FACE_BASE ?? '595306d';
  const baseDir = path.resolve('bench/out/face-baseline');
  fs.rmSync(baseDir, { recursive: true, force: true });
  fs.mkdirSync(baseDir, { recursive: true });
  execSync(`git archive ${base} src | tar -x -C ${baseDir}`);
  type Compare = (input: import('../src/engines/face/face-types.ts').CompareFacesInput) => Promise<import('../src/engines/face/face-types.ts').FaceComparison>;
  const now: Compare = (await import('../src/engines/face/compare-faces.ts')).compareFaces;
  const before: Compare = (await import(path.join(baseDir, 'src/engines/face/compare-faces.ts'))).compareFaces;
  const { documentPhotoWithFace, portraitCrop, wholeDocument, screenReplay, printAttack } = await import('../test/fixtures/faces/make-selfie-attacks.ts');
  const same = pairs.filter((p) => p.same && identities.get(p.a)?.derivedFrom !== p.b && identities.get(p.b)?.derivedFrom !== p.a);
  const n = Number(process.env.IDGATE_FACE_CPU_PAIRS ?? 24);
  const step = Math.max(1, Math.floor(same.length / n));
  type Case = { label: string; document: Buffer; box: FaceBox; selfie: Buffer };
  const cases: Case[] = [];
  for (let i = 0; i < same.length && cases.length < n * 1.5; i += step) {
    const p = same[i]!;
    const doc = await documentPhotoWithFace(fs.readFileSync(path.join(dir, 'images', p.a)), i + 1);
    // Every other document as a phone camera delivers it (~3600 px wide), the rest as generated (1430 px).
    const big = cases.length % 2 === 1;
    const document = big ? await sharp(doc.jpeg).resize(Math.round(doc.width * 2.5)).jpeg({ quality: 90 }).toBuffer() : doc.jpeg;
    const k = big ? 2.5 : 1;
    const box = { x: doc.portraitBox.x * k, y: doc.portraitBox.y * k, w: doc.portraitBox.w * k, h: doc.portraitBox.h * k };
    cases.push({ label: `bona fide ${p.b}`, document, box, selfie: fs.readFileSync(path.join(dir, 'images', p.b)) });
    if (cases.length % 4 === 0) {
      const kind = (cases.length / 4) % 4;
      const selfie = kind === 0 ? await portraitCrop(doc, 100 + i) : kind === 1 ? await wholeDocument(doc, 200 + i) : kind === 2 ? await screenReplay(fs.readFileSync(path.join(dir, 'images', p.b)), 300 + i) : await printAttack(fs.readFileSync(path.join(dir, 'images', p.b)), 400 + i);
      cases.push({ label: `${['portrait_crop', 'whole_document', 'screen_replay', 'print'][kind]} (${p.b})`, document, box, selfie });
    }
  }
  const run = async (f: Compare, c: Case) => {
    const c0 = process.cpuUsage();
    const r = await f({ document: new Uint8Array(c.document), documentPortraitBox: c.box, selfie: new Uint8Array(c.selfie), threshold: THRESHOLD, livenessThreshold: 0.1 });
    const d = process.cpuUsage(c0);
    return { ms: (d.user + d.system) / 1000, decision: `${r.isIdentical}/${r.failure?.code ?? '-'}`, distance: r.distance };
  };
  await run(before, cases[0]!);
  await run(now, cases[0]!); // warm-up: models and WASM compiled for both, not timed
  const tb: number[] = [];
  const tn: number[] = [];
  const differ: string[] = [];
  for (const [i, c] of cases.entries()) {
    const [b, a] = i % 2 === 0 ? [await run(before, c), await run(now, c)] : (([x, y]) => [y, x])([await run(now, c), await run(before, c)]);
    tb.push(b!.ms);
    tn.push(a!.ms);
    if (b!.decision !== a!.decision) differ.push(`${c.label}: ${b!.decision} → ${a!.decision}`);
  }
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  console.log(`\nface.compare as the pipeline calls it (document photo + box + selfie, attack checks, liveness signals): ${cases.length} calls (${cases.filter((c) => c.label.startsWith('bona')).length} bona fide, half the documents ~3600 px), baseline ${base}; loadavg(1m) ${os.loadavg()[0]!.toFixed(2)}`);
  console.log('| | baseline | this tree | ratio |');
  console.log('|---|---:|---:|---:|');
  console.log(`| CPU median (ms) | ${median(tb).toFixed(0)} | ${median(tn).toFixed(0)} | ${(median(tn) / median(tb)).toFixed(3)}× |`);
  console.log(`| CPU p90 (ms) | ${p90(tb).toFixed(0)} | ${p90(tn).toFixed(0)} | ${(p90(tn) / p90(tb)).toFixed(3)}× |`);
  console.log(`| CPU total (s) | ${(sum(tb) / 1000).toFixed(1)} | ${(sum(tn) / 1000).toFixed(1)} | ${(sum(tn) / sum(tb)).toFixed(3)}× |`);
  console.log(`decisions that differ (isIdentical/failure code): ${differ.length}${differ.map((d) => `\n  ${d}`).join('')}`);
}
if (process.env.IDGATE_FACE_BENCH_PART !== 'compare-cpu') await compareCpu();
