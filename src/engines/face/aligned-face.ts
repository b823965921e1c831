import type { RgbImage } from './decode-image.ts';
import type { Point } from './face-geometry.ts';

/** Side of the aligned grey face crop the replay check compares. */
export const ALIGNED_SIDE = 64;
/** Where the eye centres land in the aligned crop (fractions of the side). */
const EYE_Y = 0.4;
const EYE_LEFT_X = 0.3;
const EYE_RIGHT_X = 0.7;

const mean = (ps: Point[]): Point => ({ x: ps.reduce((a, p) => a + p.x, 0) / ps.length, y: ps.reduce((a, p) => a + p.y, 0) / ps.length });

/**
 * The face cut out with its eyes at fixed places (similarity transform from the 68 landmarks'
 * eye centres), in grey levels, ALIGNED_SIDE square, bilinear sampling. Two photos of one face
 * taken apart in time differ in lighting, expression and hair at this scale; a crop of the same
 * photo, rescaled, rotated or recompressed, comes out nearly pixel for pixel the same.
 */
export function alignedFace(img: RgbImage, landmarks: Point[], side = ALIGNED_SIDE): Float64Array {
  const l = mean(landmarks.slice(36, 42));
  const r = mean(landmarks.slice(42, 48));
  const dx = r.x - l.x;
  const dy = r.y - l.y;
  const k = Math.hypot(dx, dy) / ((EYE_RIGHT_X - EYE_LEFT_X) * side);
  const cos = (dx / Math.hypot(dx, dy || 1e-9)) * k;
  const sin = (dy / Math.hypot(dx, dy || 1e-9)) * k;
  const out = new Float64Array(side * side);
  const { width: W, height: H } = img;
  // Each crop pixel averages the k×k source pixels it stands for (summed-area table): point
  // sampling would alias, and the same face at two scales would then not compare.
  const S = greyIntegral(img);
  const half = Math.max(0.5, k / 2);
  const boxMean = (x: number, y: number): number => {
    const x0 = clamp(Math.round(x - half), 0, W - 1);
    const y0 = clamp(Math.round(y - half), 0, H - 1);
    const x1 = clamp(Math.round(x + half), x0 + 1, W);
    const y1 = clamp(Math.round(y + half), y0 + 1, H);
    const w1 = W + 1;
    return (S[y1 * w1 + x1]! - S[y0 * w1 + x1]! - S[y1 * w1 + x0]! + S[y0 * w1 + x0]!) / ((x1 - x0) * (y1 - y0));
  };
  for (let v = 0; v < side; v++) {
    for (let u = 0; u < side; u++) {
      const qu = u - EYE_LEFT_X * side;
      const qv = v - EYE_Y * side;
      out[v * side + u] = boxMean(l.x + cos * qu - sin * qv, l.y + sin * qu + cos * qv);
    }
  }
  return out;
}

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

/** Summed-area table of the image's grey levels, (W+1)×(H+1). */
function greyIntegral(img: RgbImage): Float64Array {
  const { data, width: W, height: H } = img;
  const S = new Float64Array((W + 1) * (H + 1));
  for (let y = 0; y < H; y++) {
    let row = 0;
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 3;
      row += 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
      S[(y + 1) * (W + 1) + x + 1] = S[y * (W + 1) + x + 1]! + row;
    }
  }
  return S;
}

/** Zero-mean normalised cross-correlation of two equal-length arrays (−1…1; 0 for a flat one). */
export function zncc(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]!; mb += b[i]!; }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]! - ma;
    const y = b[i]! - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/**
 * Detail of an aligned crop: the crop minus its local mean (box of radius `r`). Lighting and
 * overall shading, which any two photos of a face share roughly, are removed; what is left
 * (skin texture, hair strands, the exact shape of highlights) is what a replay copies.
 */
export function detail(crop: Float64Array, side = ALIGNED_SIDE, r = 3): Float64Array {
  const out = new Float64Array(crop.length);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      let s = 0;
      let c = 0;
      for (let yy = Math.max(0, y - r); yy <= Math.min(side - 1, y + r); yy++) {
        for (let xx = Math.max(0, x - r); xx <= Math.min(side - 1, x + r); xx++) { s += crop[yy * side + xx]!; c++; }
      }
      out[y * side + x] = crop[y * side + x]! - s / c;
    }
  }
  return out;
}
