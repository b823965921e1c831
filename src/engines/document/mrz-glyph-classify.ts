import fs from 'node:fs';
import { GLYPH_H, GLYPH_W } from './mrz-glyphs.ts';

/** The 37 characters an MRZ can hold, in class-index order. */
export const MRZ_CLASSES = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<';

type Net = { W1: Float32Array; b1: Float32Array; W2: Float32Array; b2: Float32Array; hidden: number };
let net: Net | undefined;

const f32 = (b64: string) => {
  const b = Buffer.from(b64, 'base64');
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

/**
 * The OCR-B character classifier: one hidden layer, trained by
 * `scripts/build-ocrb-classifier.ts` on rendered and degraded MRZ lines passed through the
 * same segmentation as real crops. Loaded once per thread.
 */
function classifier(): Net {
  if (net) return net;
  const j = JSON.parse(fs.readFileSync(new URL('./data/ocrb-classifier.json', import.meta.url), 'utf8')) as {
    glyph: [number, number]; classes: string; hidden: number; W1: string; b1: string; W2: string; b2: string;
  };
  if (j.glyph[0] !== GLYPH_W || j.glyph[1] !== GLYPH_H || j.classes !== MRZ_CLASSES) throw new Error('ocrb-classifier.json does not match the glyph grid; rebuild it');
  net = { W1: f32(j.W1), b1: f32(j.b1), W2: f32(j.W2), b2: f32(j.b2), hidden: j.hidden };
  return net;
}

/** Log-probability of each class for one cell's features. */
export function classifyGlyph(f: Float32Array): Float32Array {
  const { W1, b1, W2, b2, hidden } = classifier();
  const D = f.length, C = MRZ_CLASSES.length;
  const h = new Float32Array(hidden);
  for (let j = 0; j < hidden; j++) {
    let s = b1[j]!;
    const r = j * D;
    for (let i = 0; i < D; i++) s += W1[r + i]! * f[i]!;
    h[j] = s > 0 ? s : 0;
  }
  const o = new Float32Array(C);
  let mx = -Infinity;
  for (let c = 0; c < C; c++) {
    let s = b2[c]!;
    const r = c * hidden;
    for (let j = 0; j < hidden; j++) s += W2[r + j]! * h[j]!;
    o[c] = s;
    if (s > mx) mx = s;
  }
  let z = 0;
  for (let c = 0; c < C; c++) z += Math.exp(o[c]! - mx);
  const lz = mx + Math.log(z);
  for (let c = 0; c < C; c++) o[c]! -= lz;
  return o;
}

/**
 * Log-probability of each class for one cell seen through several windows: the probabilities
 * are averaged, so one window that cuts a stroke off does not decide alone.
 */
export function classifyCell(views: readonly Float32Array[]): Float32Array {
  if (views.length === 1) return classifyGlyph(views[0]!);
  const p = new Float32Array(MRZ_CLASSES.length);
  for (const v of views) {
    const s = classifyGlyph(v);
    for (let c = 0; c < p.length; c++) p[c]! += Math.exp(s[c]!) / views.length;
  }
  for (let c = 0; c < p.length; c++) p[c] = Math.log(p[c]! + 1e-30);
  return p;
}
