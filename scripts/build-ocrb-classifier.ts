// Trains the OCR-B character classifier the MRZ glyph reader uses, and writes
// src/engines/document/data/ocrb-classifier.json. Needs the OCR-B fonts (Debian fonts-ocr-b,
// public domain, Matthew Skala); the output is derived data and is committed, so running the
// service never needs the font.  `npx tsx scripts/build-ocrb-classifier.ts [--blocks N] [--hidden H] [--epochs E]`
import fs from 'node:fs';
import sharp from 'sharp';
import { GLYPH_H, GLYPH_LINE_PX, GLYPH_W, segmentMrz } from '../src/engines/document/mrz-glyphs.ts';
import { MRZ_CLASSES } from '../src/engines/document/mrz-glyph-classify.ts';

const args = process.argv.slice(2);
const opt = (name: string, d: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : d);
const BLOCKS = opt('--blocks', 700);
const HIDDEN = opt('--hidden', 96);
const SEED = opt('--seed', 7);

let state = SEED >>> 0;
const rnd = () => ((state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 4294967296);
const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
const between = (a: number, b: number) => a + rnd() * (b - a);

/** Random MRZ-like text: every class often enough, runs of fillers as real MRZs have. */
function randomLine(length: number): string {
  let s = '';
  while (s.length < length) {
    const r = rnd();
    if (r < 0.15) s += '<'.repeat(1 + Math.floor(rnd() * 6));
    else if (r < 0.55) s += pick([...'ABCDEFGHIJKLMNOPQRSTUVWXYZ']);
    else s += pick([...'0123456789']);
  }
  return s.slice(0, length);
}

const esc = (c: string) => (c === '<' ? '&lt;' : c);

let lastRender = '';
async function renderBlock(lines: string[]): Promise<{ gray: { data: Uint8Array; width: number; height: number } }> {
  const cap = between(9, 40);
  const size = cap / 0.7;
  const pitch = size * between(0.58, 0.66);
  const lh = size * between(1.25, 1.8);
  const family = pick(['OCR B', 'OCR B', 'OCR B', 'OCR B S']);
  // Some letters in other sans monospaced designs, so the classifier learns strokes (E's
  // bottom bar) rather than one font's exact outline; digits and fillers stay OCR-B (other
  // fonts slash or dot their zeros).
  const alt = rnd() < 0.15 ? pick(['DejaVu Sans Mono', 'Liberation Mono']) : undefined;
  const fam = (c: string) => (alt && /[A-Z]/.test(c) ? alt : family);
  // Heavier print (ink-coloured stroke) or lighter print (background-coloured stroke).
  const weight = rnd();
  const stroke = weight < 0.45 ? between(0, size * 0.09) : weight < 0.65 ? between(0, size * 0.03) : 0;
  const thin = weight >= 0.45 && weight < 0.65;
  const sx = between(0.85, 1.12);
  const ink = Math.round(between(0, 90));
  const padX = pitch * between(1, 3), padY = lh * between(0.5, 1.2);
  const W = Math.ceil(padX * 2 + pitch * lines[0]!.length), H = Math.ceil(padY * 2 + lh * lines.length);
  const bg = Math.round(between(170, 255));
  const strokeColour = thin ? `rgb(${bg},${bg},${bg})` : `rgb(${ink},${ink},${ink})`;
  const text = lines
    .map((line, li) => [...line].map((c, ci) => `<text transform="translate(${(padX + ci * pitch + between(-0.04, 0.04) * pitch).toFixed(2)} ${(padY + (li + 0.8) * lh).toFixed(2)}) scale(${sx.toFixed(3)} 1)" font-family="${fam(c)}" font-size="${size.toFixed(2)}" fill="rgb(${ink},${ink},${ink})"${stroke ? ` stroke="${strokeColour}" stroke-width="${stroke.toFixed(2)}"` : ''}>${esc(c)}</text>`).join(''))
    .join('');
  // A faint gradient and some texture lines, as security printing under the MRZ.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="rgb(${bg},${bg},${bg - 10})"/><stop offset="1" stop-color="rgb(${bg - Math.round(between(0, 50))},${bg},${bg})"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>${rnd() < 0.4 ? Array.from({ length: 12 }, (_, i) => `<path d="M0 ${(i * H) / 12} Q ${W / 2} ${(i * H) / 12 + 20} ${W} ${(i * H) / 12}" stroke="rgb(${bg - 40},${bg - 30},${bg - 20})" fill="none" stroke-width="0.8"/>`).join('') : ''}${text}</svg>`;
  let img = sharp(Buffer.from(svg)).rotate(between(-2.5, 2.5), { background: `rgb(${bg},${bg},${bg})` });
  const blur = rnd() < 0.6 ? between(0.3, Math.max(0.4, cap / 14)) : 0;
  lastRender = `cap ${cap.toFixed(1)} font ${family}/${alt} stroke ${(stroke / size).toFixed(3)}${thin ? ' thin' : ''} blur ${blur.toFixed(2)} pitch ${(pitch / size).toFixed(2)} lh ${(lh / size).toFixed(2)}`;
  if (blur) img = sharp(await img.png().toBuffer()).blur(blur);
  let buf = await img.jpeg({ quality: Math.round(between(35, 95)) }).toBuffer();
  // Back up to the reader's working scale, as the reader upsamples small photos.
  const meta = await sharp(buf).metadata();
  const scale = between(0.8, 1.15) * (GLYPH_LINE_PX * 0.85) / cap;
  const { data, info } = await sharp(buf).resize({ width: Math.round(meta.width! * scale) }).grayscale().raw().toBuffer({ resolveWithObject: true });
  // Sensor noise.
  const noise = between(0, 10);
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = Math.max(0, Math.min(255, data[i]! + (rnd() - 0.5) * 2 * noise));
  buf = Buffer.alloc(0);
  return { gray: { data: out, width: info.width, height: info.height } };
}

type Sample = { label: number; f: Float32Array };
const samples: Sample[] = [];
let segFailed = 0;
for (let b = 0; b < BLOCKS; b++) {
  const [count, length] = pick([[2, 44], [2, 36], [3, 30]] as const);
  const lines = Array.from({ length: count }, () => randomLine(length));
  const { gray } = await renderBlock(lines);
  const block = segmentMrz(gray, count, [length])[0];
  if (!block) { segFailed++; if (args.includes('--verbose')) console.error(`not segmented: ${count}x${length} ${lastRender}`); continue; }
  block.lines.forEach((l, li) => l.features.forEach((f, ci) => samples.push({ label: MRZ_CLASSES.indexOf(lines[li]![ci]!), f })));
  if (b % 100 === 0) process.stderr.write(`block ${b}/${BLOCKS}, ${samples.length} samples, ${segFailed} not segmented\n`);
}
console.log(`${samples.length} samples from ${BLOCKS - segFailed}/${BLOCKS} blocks`);

// Hold out every fifth sample to report accuracy honestly.
const train = samples.filter((_, i) => i % 5 !== 0), test = samples.filter((_, i) => i % 5 === 0);
const D = samples[0]!.f.length, C = MRZ_CLASSES.length, Hd = HIDDEN;

// A one-hidden-layer perceptron, softmax output, trained by minibatch SGD with momentum.
const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
const W1 = Float32Array.from({ length: Hd * D }, () => gauss() * Math.sqrt(2 / D)), b1 = new Float32Array(Hd);
const W2 = Float32Array.from({ length: C * Hd }, () => gauss() * Math.sqrt(1 / Hd)), b2 = new Float32Array(C);
const net = { W1, b1, W2, b2 };
const h = new Float32Array(Hd), o = new Float32Array(C);
function forward(f: Float32Array) {
  for (let j = 0; j < Hd; j++) { let s2 = b1[j]!; const r = j * D; for (let i = 0; i < D; i++) s2 += W1[r + i]! * f[i]!; h[j] = s2 > 0 ? s2 : 0; }
  let mx = -Infinity;
  for (let c = 0; c < C; c++) { let s2 = b2[c]!; const r = c * Hd; for (let j = 0; j < Hd; j++) s2 += W2[r + j]! * h[j]!; o[c] = s2; if (s2 > mx) mx = s2; }
  let z = 0;
  for (let c = 0; c < C; c++) { o[c] = Math.exp(o[c]! - mx); z += o[c]!; }
  for (let c = 0; c < C; c++) o[c]! /= z;
}
const grads = { W1: new Float32Array(W1.length), b1: new Float32Array(Hd), W2: new Float32Array(W2.length), b2: new Float32Array(C) };
const vel = { W1: new Float32Array(W1.length), b1: new Float32Array(Hd), W2: new Float32Array(W2.length), b2: new Float32Array(C) };
const dh = new Float32Array(Hd);
const order = train.map((_, i) => i);
const EPOCHS = opt('--epochs', 12), BATCH = 32;
for (let ep = 0; ep < EPOCHS; ep++) {
  for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [order[i], order[j]] = [order[j]!, order[i]!]; }
  const lr = 0.05 * (1 - ep / EPOCHS) + 0.002;
  let loss = 0;
  for (let bs = 0; bs < order.length; bs += BATCH) {
    for (const g of Object.values(grads)) g.fill(0);
    const end = Math.min(order.length, bs + BATCH);
    for (let k = bs; k < end; k++) {
      const s2 = train[order[k]!]!;
      forward(s2.f);
      loss -= Math.log(o[s2.label]! + 1e-12);
      dh.fill(0);
      for (let c = 0; c < C; c++) {
        const d = o[c]! - (c === s2.label ? 1 : 0);
        grads.b2[c]! += d;
        const r = c * Hd;
        for (let j = 0; j < Hd; j++) { grads.W2[r + j]! += d * h[j]!; dh[j]! += d * W2[r + j]!; }
      }
      for (let j = 0; j < Hd; j++) {
        if (h[j]! <= 0) continue;
        const d = dh[j]!;
        grads.b1[j]! += d;
        const r = j * D;
        for (let i = 0; i < D; i++) grads.W1[r + i]! += d * s2.f[i]!;
      }
    }
    const n = end - bs;
    for (const key of ['W1', 'b1', 'W2', 'b2'] as const) {
      const w = net[key], g = grads[key], v = vel[key];
      for (let i = 0; i < w.length; i++) { v[i] = 0.9 * v[i]! - (lr * g[i]!) / n - lr * 1e-5 * w[i]!; w[i]! += v[i]!; }
    }
  }
  process.stderr.write(`epoch ${ep + 1}/${EPOCHS}: loss ${(loss / order.length).toFixed(4)}\n`);
}

let ok = 0;
const confusions = new Map<string, number>();
for (const s2 of test) {
  forward(s2.f);
  let bc = 0;
  for (let c = 1; c < C; c++) if (o[c]! > o[bc]!) bc = c;
  if (bc === s2.label) ok++;
  else { const key = `${MRZ_CLASSES[s2.label]}→${MRZ_CLASSES[bc]}`; confusions.set(key, (confusions.get(key) ?? 0) + 1); }
}
console.log(`held-out accuracy ${(100 * ok / test.length).toFixed(2)}% on ${test.length} cells; top confusions: ${[...confusions].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, n]) => `${k} ${n}`).join(', ')}`);

const b64 = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
const out = new URL('../src/engines/document/data/ocrb-classifier.json', import.meta.url);
fs.mkdirSync(new URL('.', out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({
  about: 'OCR-B character classifier (one hidden layer) for the MRZ glyph reader; trained by scripts/build-ocrb-classifier.ts on MRZ lines rendered in the public-domain OCR-B fonts by Matthew Skala (Debian fonts-ocr-b) and degraded.',
  glyph: [GLYPH_W, GLYPH_H], classes: MRZ_CLASSES, hidden: Hd, blocks: BLOCKS, seed: SEED, heldOutAccuracy: ok / test.length,
  W1: b64(W1), b1: b64(b1), W2: b64(W2), b2: b64(b2),
}) + '\n');
console.log(`wrote ${out.pathname}`);
