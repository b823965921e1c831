// Trains the OCR-B character classifier the MRZ glyph reader uses, and writes
// src/engines/document/data/ocrb-classifier.json. Needs the OCR-B fonts (Debian fonts-ocr-b,
// public domain, Matthew Skala); the output is derived data and is committed, so running the
// service never needs the font.  `npx tsx scripts/build-ocrb-classifier.ts [--blocks N] [--hidden H] [--epochs E]`
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { cellFeature, GLYPH_H, GLYPH_LINE_PX, GLYPH_W, segmentMrz } from '../src/engines/document/mrz-glyphs.ts';
import { MRZ_CLASSES } from '../src/engines/document/mrz-glyph-classify.ts';

const args = process.argv.slice(2);
const opt = (name: string, d: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : d);
const BLOCKS = opt('--blocks', 700);
const HIDDEN = opt('--hidden', 96);
const SEED = opt('--seed', 7);
/** Smallest cap height (px) rendered, and the strongest blur as a share of it (cap / BLUR_DIV). */
const MIN_CAP = opt('--min-cap', 9);
const BLUR_DIV = opt('--blur-div', 14);

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
  const cap = between(MIN_CAP, 40);
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
  const blur = rnd() < 0.6 ? between(0.3, Math.max(0.4, cap / BLUR_DIV)) : 0;
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
const train: Sample[] = [], test: Sample[] = [];
const JITTER = opt('--jitter', 2);
let segFailed = 0;
for (let b = 0; b < BLOCKS; b++) {
  const [count, length] = pick([[2, 44], [2, 36], [3, 30]] as const);
  const lines = Array.from({ length: count }, () => randomLine(length));
  const { gray } = await renderBlock(lines);
  const block = segmentMrz(gray, count, [length])[0];
  if (!block) { segFailed++; if (args.includes('--verbose')) console.error(`not segmented: ${count}x${length} ${lastRender}`); continue; }
  // Every fifth block is held out whole (its cells' jittered copies would leak otherwise).
  const held = b % 5 === 0;
  const into = held ? test : train;
  block.lines.forEach((l, li) => l.features.forEach((f, ci) => {
    const label = MRZ_CLASSES.indexOf(lines[li]![ci]!);
    into.push({ label, f });
    if (held) return;
    // Real photos place the line band a few per cent off where the renderer's clean lines put it,
    // and the blob pitch wobbles: the same cell re-sampled with its window shifted and scaled.
    const h = l.bottom - l.top + 1, pitch = (l.centers.at(-1)! - l.centers[0]!) / (l.centers.length - 1);
    for (let k = 0; k < JITTER; k++) {
      const dy = between(-0.1, 0.1) * h, grow = between(-0.08, 0.12) * h;
      into.push({ label, f: cellFeature(l.ink, l.centers[ci]! + between(-0.12, 0.12) * pitch, pitch * between(0.9, 1.1), l.top + dy - grow / 2, l.bottom + dy + grow / 2) });
    }
  }));
  if (b % 100 === 0) process.stderr.write(`block ${b}/${BLOCKS}, ${train.length} training samples, ${segFailed} not segmented\n`);
}
console.log(`${train.length} training / ${test.length} held-out samples from ${BLOCKS - segFailed}/${BLOCKS} blocks`);

// One hidden layer, softmax output, Adam on minibatches; the tfjs WASM backend does the algebra.
const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs');
require('@tensorflow/tfjs-backend-wasm').setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep);
await tf.setBackend('wasm');
await tf.ready();
tf.setSeed?.(SEED);
const D = train[0]!.f.length, C = MRZ_CLASSES.length, Hd = HIDDEN;
const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
const W1 = tf.variable(tf.tensor2d(Float32Array.from({ length: D * Hd }, () => gauss() * Math.sqrt(2 / D)), [D, Hd]));
const b1 = tf.variable(tf.zeros([Hd]));
const W2 = tf.variable(tf.tensor2d(Float32Array.from({ length: Hd * C }, () => gauss() * Math.sqrt(1 / Hd)), [Hd, C]));
const b2 = tf.variable(tf.zeros([C]));
const logits = (x: unknown) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, W1), b1)), W2), b2);
const EPOCHS = opt('--epochs', 12), BATCH = 128;
// Label smoothing keeps the scores calibrated: the check-digit repair weighs runner-up characters
// by how close they score, which an over-confident network pushes out of reach.
const SMOOTH = opt('--smooth', 0.1);
const order = train.map((_, i) => i);
const xb = new Float32Array(BATCH * D), yb = new Int32Array(BATCH);
for (let ep = 0; ep < EPOCHS; ep++) {
  for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [order[i], order[j]] = [order[j]!, order[i]!]; }
  // Cosine-decayed learning rate.
  const optimizer = tf.train.adam(0.002 * (0.55 + 0.45 * Math.cos((Math.PI * ep) / EPOCHS)) + 1e-4);
  let loss = 0, batches = 0;
  for (let bs = 0; bs + BATCH <= order.length; bs += BATCH) {
    for (let k = 0; k < BATCH; k++) { const s2 = train[order[bs + k]!]!; xb.set(s2.f, k * D); yb[k] = s2.label; }
    const l = tf.tidy(() => {
      const x = tf.tensor2d(xb, [BATCH, D]), y = tf.oneHot(tf.tensor1d(yb, 'int32'), C);
      return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, logits(x), undefined, SMOOTH), true);
    });
    loss += l.dataSync()[0]; batches++;
    l.dispose();
  }
  optimizer.dispose();
  process.stderr.write(`epoch ${ep + 1}/${EPOCHS}: loss ${(loss / batches).toFixed(4)}\n`);
}

let ok = 0;
const confusions = new Map<string, number>();
const predicted: number[] = tf.tidy(() => Array.from(tf.argMax(logits(tf.tensor2d(Float32Array.from(test.flatMap((t) => [...t.f])), [test.length, D])), 1).dataSync() as Int32Array));
test.forEach((s2, i) => {
  const bc = predicted[i]!;
  if (bc === s2.label) ok++;
  else { const key = `${MRZ_CLASSES[s2.label]}→${MRZ_CLASSES[bc]}`; confusions.set(key, (confusions.get(key) ?? 0) + 1); }
});
console.log(`held-out accuracy ${(100 * ok / test.length).toFixed(2)}% on ${test.length} cells; top confusions: ${[...confusions].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, n]) => `${k} ${n}`).join(', ')}`);

// The runtime expects W1 as [hidden][input] and W2 as [class][hidden], row-major.
const rows = (v: { transpose: () => { dataSync: () => Float32Array } }) => Float32Array.from(v.transpose().dataSync());
const b64 = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
const out = args.includes('--out') ? new URL(`file://${path.resolve(args[args.indexOf('--out') + 1]!)}`) : new URL('../src/engines/document/data/ocrb-classifier.json', import.meta.url);
fs.mkdirSync(new URL('.', out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({
  about: 'OCR-B character classifier (one hidden layer) for the MRZ glyph reader; trained by scripts/build-ocrb-classifier.ts on MRZ lines rendered in the public-domain OCR-B fonts by Matthew Skala (Debian fonts-ocr-b) and degraded.',
  glyph: [GLYPH_W, GLYPH_H], classes: MRZ_CLASSES, hidden: Hd, blocks: BLOCKS, seed: SEED, heldOutAccuracy: ok / test.length,
  W1: b64(rows(W1)), b1: b64(Float32Array.from(b1.dataSync())), W2: b64(rows(W2)), b2: b64(Float32Array.from(b2.dataSync())), jitter: JITTER, epochs: EPOCHS, smoothing: SMOOTH,
}) + '\n');
console.log(`wrote ${out.pathname}`);
