// Authenticity bench: each check's true/false positive rates on generated genuine vs tampered
// sets, the score's ROC, and the time all checks take per document.
// Run alone: `npx tsx bench/authenticity-bench.ts` (or `npm run bench -- authenticity`).
import os from 'node:os';
import sharp from 'sharp';
import { authenticateDocument } from '../src/engines/authenticity/authenticate-document.ts';
import type { Authentication, CheckName, PortraitFace } from '../src/engines/authenticity/authentication-types.ts';
import { CHECK_NAMES } from '../src/engines/authenticity/authentication-types.ts';
import type { DocumentReading } from '../src/engines/document/document-reading.ts';
import { makePassportPage, photograph, rng, td3Lines, type IdSpec } from '../test/fixtures/authenticity/make-id-document.ts';
import { blurred, boxThroughCamera, cameraOnPrint, cameraOnScreen, chromiumAvailable, exiftoolAvailable, glared, screenshotInChromium, withExif, withZoneMoved } from '../test/fixtures/authenticity/make-variants.ts';
import { photographAngled, type Pt } from '../test/fixtures/authenticity/photograph-angled.ts';
import { normaliseImage } from '../src/engines/document/image-normalise.ts';
import { locateDocument } from '../src/engines/document/locate-document.ts';
import { readingFromMrz } from '../test/fixtures/authenticity/reading-from-mrz.ts';

const now = new Date('2026-11-25T12:00:00Z');
const load = () => os.loadavg().map((v) => v.toFixed(2)).join(' ');
console.log(`load average at start: ${load()} (${os.cpus().length} CPUs)`);
const SURNAMES = ['HALVORSEN', 'OKONKWO', 'TANAKA', 'DUBOIS', 'KOWALCZYK', 'SILVA', 'MURPHY', 'NAKAMURA', 'HASSAN', 'LINDQVIST', 'ROSSETTI', 'ABERNATHY'];
const GIVEN = ['INGRID', 'CHIDI', 'HARUKI', 'CLAIRE', 'TOMASZ', 'BEATRIZ', 'AOIFE', 'REN', 'LAYLA', 'ELSA', 'MARCO', 'JUNE'];
const ISSUERS = ['NOR', 'NGA', 'JPN', 'FRA', 'POL', 'BRA', 'IRL', 'JPN', 'EGY', 'SWE', 'ITA', 'CAN'];

function person(i: number): IdSpec {
  const r = rng(100 + i);
  const y = 50 + Math.floor(r() * 50);
  const d = (n: number) => String(n).padStart(2, '0');
  const num = `${String.fromCharCode(65 + Math.floor(r() * 26))}${Math.floor(1e6 + r() * 8.9e6)}`;
  return { surname: SURNAMES[i % 12]!, given: GIVEN[i % 12]!, number: num, issuer: ISSUERS[i % 12]!, birth: `${d(y)}${d(1 + Math.floor(r() * 12))}${d(1 + Math.floor(r() * 28))}`, sex: r() < 0.5 ? 'F' : 'M', expiry: `${d(27 + Math.floor(r() * 7))}${d(1 + Math.floor(r() * 12))}${d(1 + Math.floor(r() * 28))}` };
}

type Sample = { set: string; front: Buffer; reading: DocumentReading; faces: PortraitFace[]; target?: CheckName; fraud: boolean };

async function page(spec: IdSpec, i: number, lines?: string[]) {
  const doc = await makePassportPage(spec, { seed: i, lines });
  const photo = await photograph(doc, { seed: i, scale: 0.7 + (i % 5) * 0.2 });
  const reading = readingFromMrz(doc.lines, { width: photo.width, height: photo.height, mrzBox: photo.mrzBox }, now);
  const faces = [{ box: photo.portraitBox, score: 0.95 }, { box: { x: photo.documentBox.x + 1100 * (photo.documentBox.w / 1250), y: photo.documentBox.y + 500 * (photo.documentBox.w / 1250), w: 60, h: 75 }, score: 0.7 }];
  return { doc, photo, reading, faces };
}

const GENUINE = 12;
const samples: Sample[] = [];
let t0 = performance.now();
for (let i = 0; i < GENUINE; i++) {
  const g = await page(person(i), i);
  samples.push({ set: 'genuine', front: g.photo.jpeg, reading: g.reading, faces: g.faces, fraud: false });
  const k = i % 6;
  if (k === 0) samples.push({ set: 'blurred σ=7', front: await blurred(g.photo.jpeg, 7 * (g.photo.width / 1573)), reading: g.reading, faces: g.faces, target: 'image_quality', fraud: false });
  if (k === 1) {
    const m = g.photo.mrzBox;
    samples.push({ set: 'glare on MRZ', front: await glared(g.photo.jpeg, { cx: m.x + m.w * 0.4, cy: m.y + m.h / 2, r: m.h * 0.8 }), reading: g.reading, faces: g.faces, target: 'image_quality', fraud: false });
  }
  if (k === 2 && exiftoolAvailable) samples.push({ set: 'EXIF Software=Photoshop', front: withExif(g.photo.jpeg, { Software: 'Adobe Photoshop 25.0 (Windows)' }), reading: g.reading, faces: g.faces, target: 'exif_check', fraud: true });
  if (k === 3) samples.push({ set: 'no portrait', front: g.photo.jpeg, reading: g.reading, faces: [], target: 'biometric_analysis', fraud: true });
  if (k === 4) {
    const squashed = await sharp(g.doc.png).resize(900, 900, { fit: 'fill' }).png().toBuffer();
    const p = await photograph({ ...g.doc, png: squashed, width: 900, height: 900, mrzBox: { ...g.doc.mrzBox, w: g.doc.mrzBox.w * 0.72, y: (g.doc.mrzBox.y * 900) / 880 } }, { seed: i });
    samples.push({ set: 'wrong aspect ratio', front: p.jpeg, reading: readingFromMrz(g.doc.lines, { width: p.width, height: p.height, mrzBox: p.mrzBox }, now), faces: g.faces, target: 'feature_referencing', fraud: true });
  }
}
for (let i = 0; i < 6; i++) {
  const spec = person(20 + i);
  const lines = td3Lines(spec);
  const t = await page(spec, 20 + i, [lines[0]!, lines[1]!.replace(spec.birth, String(Number(spec.birth.slice(0, 2)) + 1).padStart(2, '0') + spec.birth.slice(2))]);
  samples.push({ set: 'tampered MRZ birth date', front: t.photo.jpeg, reading: t.reading, faces: t.faces, target: 'text_analysis', fraud: true });
}
const SPECIMENS: IdSpec[] = [
  { surname: 'ERIKSSON', given: 'ANNA MARIA', number: 'L898902C3', issuer: 'UTO', birth: '740812', sex: 'F', expiry: '300415' },
  { surname: 'MUSTERMANN', given: 'ERIKA', number: 'C01X00T47', issuer: 'D', birth: '830812', sex: 'F', expiry: '310531' },
  { surname: 'SPECIMEN', given: 'VZOR', number: '99003853', issuer: 'CZE', birth: '800101', sex: 'M', expiry: '300101' },
  { surname: 'DE BRUIJN', given: 'WILLEKE LISELOTTE', number: 'SPECI2021', issuer: 'NLD', birth: '650310', sex: 'F', expiry: '310101' },
  { surname: 'TESTER', given: 'PAULA', number: 'X7730154', issuer: 'NOR', birth: '900505', sex: 'F', expiry: '300505' },
];
for (const [i, spec] of SPECIMENS.entries()) {
  const s = await page(spec, 40 + i);
  samples.push({ set: 'specimen name/number', front: s.photo.jpeg, reading: s.reading, faces: s.faces, target: 'publicity_check', fraud: true });
}
const base = await page(person(60), 60);
/** The reading and faces of a recapture: the page's MRZ and portrait boxes carried through the screen or print and the camera. */
const through = async (jpeg: Buffer, o: Parameters<typeof boxThroughCamera>[2]) => {
  const m = await sharp(jpeg).metadata();
  const reading = readingFromMrz(base.doc.lines, { width: m.width!, height: m.height!, mrzBox: boxThroughCamera(base.doc.mrzBox, base.doc, o) }, now);
  return { reading, faces: [{ box: boxThroughCamera(base.doc.portraitBox, base.doc, o), score: 0.95 }] };
};
for (const period of [4, 5, 6]) {
  const front = await cameraOnPrint(base.doc.png, { period, seed: period });
  samples.push({ set: 'print recapture (halftone)', front, ...(await through(front, { kind: 'print', outWidth: 1500 })), target: 'recapture_check', fraud: true });
}
if (chromiumAvailable) {
  const shot = await screenshotInChromium(base.doc.png, 800);
  for (const outWidth of [1200, 1500, 1700, 1900, 2100, 2300]) {
    const front = await cameraOnScreen(shot, { outWidth });
    samples.push({ set: `screen recapture (Chromium, ${((outWidth / ((840 * 3) * Math.cos(0.0297) + 1920 * Math.sin(0.0297))) * 3).toFixed(2)} px/screen px)`, front, ...(await through(front, { kind: 'screen', shownWidth: 800, outWidth })), target: 'recapture_check', fraud: true });
  }
}
// Pages photographed at an angle (±15°, corners jittered ±4% of the width for perspective), on a
// light desk (a dark header band then differs from the desk), cluttered every other time: genuine,
// and with the MRZ or the portrait moved to where the layout does not print it.
const angledCorners = (i: number, dw: number): [Pt, Pt, Pt, Pt] => {
  const r = rng(900 + i);
  const dh = (dw * 880) / 1250;
  const ang = ((r() - 0.5) * 30 * Math.PI) / 180;
  const cx = 800 + (r() - 0.5) * 100, cy = 600 + (r() - 0.5) * 100;
  return ([[-dw / 2, -dh / 2], [dw / 2, -dh / 2], [dw / 2, dh / 2], [-dw / 2, dh / 2]] as Pt[]).map(([x, y]) => [cx + x * Math.cos(ang) - y * Math.sin(ang) + (r() - 0.5) * 0.08 * dw, cy + x * Math.sin(ang) + y * Math.cos(ang) + (r() - 0.5) * 0.08 * dw] as Pt) as [Pt, Pt, Pt, Pt];
};
const angledSample = async (doc: Awaited<ReturnType<typeof makePassportPage>>, i: number, desk = '#8a8276') => {
  const p = await photographAngled(doc, { width: 1600, height: 1200, corners: angledCorners(i, 1600 * (0.5 + (i % 4) * 0.08)), seed: i, clutter: i % 2 === 1, desk });
  return { p, reading: readingFromMrz(doc.lines, { width: 1600, height: 1200, mrzBox: p.mrzBox }, now), faces: [{ box: p.portraitBox, score: 0.95 }] };
};
for (let i = 0; i < 6; i++) {
  const doc = await makePassportPage(person(70 + i), { seed: 70 + i });
  const g = await angledSample(doc, i);
  samples.push({ set: 'genuine (angled)', front: g.p.jpeg, reading: g.reading, faces: g.faces, fraud: false });
  if (i < 2) {
    const t = await angledSample(await withZoneMoved(doc, 'mrzBox', { x: 40, y: 110 }), i);
    samples.push({ set: 'MRZ pasted at the top (angled)', front: t.p.jpeg, reading: t.reading, faces: t.faces, target: 'feature_referencing', fraud: true });
  } else if (i < 4) {
    const t = await angledSample(await withZoneMoved(doc, 'portraitBox', { x: 880, y: 150 }), i);
    samples.push({ set: 'portrait moved right (angled)', front: t.p.jpeg, reading: t.reading, faces: t.faces, target: 'biometric_analysis', fraud: true });
  }
}
const genMs = performance.now() - t0;

// Warm-up (module imports, sharp), then the measured runs.
await authenticateDocument({ front: samples[0]!.front, reading: samples[0]!.reading, module: '2', now, portraitFaces: samples[0]!.faces });
const results: Array<{ s: Sample; a: Authentication; ms: number; cpuMs: number }> = [];
for (const s of samples) {
  const c0 = process.cpuUsage();
  t0 = performance.now();
  const a = await authenticateDocument({ front: s.front, reading: s.reading, module: '2', now, portraitFaces: s.faces });
  const c = process.cpuUsage(c0);
  results.push({ s, a, ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 });
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(0)}% (${n}/${d})` : 'n/a');
console.log(`generated ${samples.length} documents in ${(genMs / 1000).toFixed(1)} s (${GENUINE} genuine)`);
console.log('\nfalse positives on genuine photos (check failed although nothing was wrong):');
const genuine = results.filter((r) => !r.s.fraud && !r.s.target);
for (const c of CHECK_NAMES) {
  const performed = genuine.filter((r) => r.a.details[c]?.performed);
  console.log(`  ${c.padEnd(24)} ${pct(performed.filter((r) => !r.a.breakdown[c]?.passed).length, performed.length)}`);
}
console.log('\ntrue positives (the targeted check failed) per tampered set:');
const sets = [...new Set(results.filter((r) => r.s.target).map((r) => r.s.set))];
for (const set of sets) {
  const rs = results.filter((r) => r.s.set === set);
  const c = rs[0]!.s.target!;
  console.log(`  ${set.padEnd(44)} ${c.padEnd(22)} ${pct(rs.filter((r) => r.a.breakdown[c]?.passed === false && r.a.details[c]?.performed).length, rs.length)}`);
}
console.log('\nother checks failing on tampered sets (collateral):');
for (const set of sets) {
  const rs = results.filter((r) => r.s.set === set);
  const other = CHECK_NAMES.filter((c) => c !== rs[0]!.s.target).map((c) => [c, rs.filter((r) => r.a.breakdown[c]?.passed === false && r.a.details[c]?.performed).length] as const).filter(([, n]) => n > 0);
  if (other.length) console.log(`  ${set.padEnd(44)} ${other.map(([c, n]) => `${c} ${n}/${rs.length}`).join(', ')}`);
}

console.log('\nrecapture_check peak (× ring median; threshold 7) per set, min–max over the documents it was performed on:');
for (const set of [...new Set(results.map((r) => r.s.set))]) {
  const v = results.filter((r) => r.s.set === set && r.a.details.recapture_check?.performed).map((r) => r.a.details.recapture_check!.measurements!.lumaPeak!);
  if (v.length && (set.startsWith('genuine') || set.includes('recapture'))) console.log(`  ${set.padEnd(44)} ${Math.min(...v).toFixed(1)}–${Math.max(...v).toFixed(1)} (${v.length})`);
}

// Score ROC: genuine (negatives) against fraud sets (positives); quality-only sets left out.
const neg = results.filter((r) => !r.s.fraud && !r.s.target).map((r) => r.a.score);
const pos = results.filter((r) => r.s.fraud).map((r) => r.a.score);
console.log(`\nscore ROC: ${neg.length} genuine vs ${pos.length} fraudulent (flagged when score < threshold)`);
let auc = 0;
let prev = { fpr: 0, tpr: 0 };
for (const th of [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0, 1.01]) {
  const tpr = pos.filter((s) => s < th).length / pos.length;
  const fpr = neg.filter((s) => s < th).length / neg.length;
  auc += (fpr - prev.fpr) * (tpr + prev.tpr) / 2;
  prev = { fpr, tpr };
  console.log(`  threshold ${th.toFixed(2)}  TPR ${(tpr * 100).toFixed(0).padStart(3)}%  FPR ${(fpr * 100).toFixed(0).padStart(3)}%`);
}
console.log(`  AUC ≈ ${auc.toFixed(3)}`);
console.log(`  genuine scores: ${neg.join(' ')}`);
console.log(`  fraud scores:   ${pos.join(' ')}`);

const times = results.map((r) => r.ms).sort((a, b) => a - b);
const med = (v: number[]) => v[Math.floor(v.length / 2)]!;
const cpu = results.map((r) => r.cpuMs).sort((a, b) => a - b);
console.log(`\ntime for all nine checks (module 2, faces supplied by the face step, decode included), ${times.length} documents ~1000–2400 px: median ${med(times).toFixed(0)} ms, p90 ${times[Math.floor(times.length * 0.9)]!.toFixed(0)} ms wall; CPU (process.cpuUsage, all threads) median ${med(cpu).toFixed(0)} ms, p90 ${cpu[Math.floor(cpu.length * 0.9)]!.toFixed(0)} ms`);
const located = results.filter((r) => r.a.details.feature_referencing?.measurements?.mrzCentreV !== undefined).length;
console.log(`  document outline found by locateDocument (used by feature_referencing) on ${located} of ${results.length}`);
const perCheck = CHECK_NAMES.map((c) => `${c} ${med(results.map((r) => r.a.timingsMs[c] ?? 0).sort((a, b) => a - b)).toFixed(1)}`);
console.log(`  median per check (ms): ${perCheck.join(', ')}`);
// locateDocument alone: corner error on angled pages with known corners, light and dark desks.
for (const [desk, label] of [['#8a8276', 'light desk'], ['#4a4036', 'dark desk (dark header bands often match it in luminance)']] as const) {
  const errs: number[] = [];
  const ms: number[] = [];
  let found = 0;
  const n = 12;
  for (let i = 0; i < n; i++) {
    const doc = await makePassportPage(person(80 + i), { seed: 80 + i });
    const { p } = await angledSample(doc, 20 + i, desk);
    const img = await normaliseImage(p.jpeg);
    const t = performance.now();
    const loc = locateDocument(img, { mrzBox: p.mrzBox, format: 'TD3' });
    ms.push(performance.now() - t);
    if (!loc.corners) continue;
    found++;
    errs.push(...loc.corners.map((q, k) => Math.hypot(q[0] - p.corners[k]![0], q[1] - p.corners[k]![1])));
  }
  errs.sort((a, b) => a - b);
  const mean = errs.reduce((a, b) => a + b, 0) / Math.max(1, errs.length);
  console.log(`\nlocateDocument on ${n} angled TD3 pages (1600×1200, ${label}): found ${found}/${n}; corner error mean ${mean.toFixed(2)} px, median ${errs.length ? errs[errs.length >> 1]!.toFixed(2) : '-'}, max ${errs.length ? errs.at(-1)!.toFixed(1) : '-'}; time median ${med(ms.sort((a, b) => a - b)).toFixed(0)} ms`);
}

t0 = performance.now();
await authenticateDocument({ front: genuine[0]!.s.front, reading: genuine[0]!.s.reading, module: '2', now });
const own: number[] = [];
for (const r of genuine.slice(1, 4)) {
  t0 = performance.now();
  await authenticateDocument({ front: r.s.front, reading: r.s.reading, module: '2', now });
  own.push(performance.now() - t0);
}
console.log(`  with the engine detecting faces itself (models warm): median ${med(own.sort((a, b) => a - b)).toFixed(0)} ms over ${own.length}`);
console.log(`load average at end: ${load()}`);
process.exit(0);
