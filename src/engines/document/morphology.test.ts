import { describe, expect, it } from 'vitest';
import { blackhat, dilate, erode } from './morphology.ts';

/** The definition, pixel by pixel: max (or min) over the k×k window, out-of-image pixels ignored. */
function naive(src: Uint8Array, w: number, h: number, kw: number, kh: number, max: boolean): Uint8Array {
  const out = new Uint8Array(src.length);
  const rw = kw >> 1, rh = kh >> 1;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    let v = max ? 0 : 255;
    for (let dy = -rh; dy <= rh; dy++) for (let dx = -rw; dx <= rw; dx++) {
      const yy = y + dy, xx = x + dx;
      if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
      const p = src[yy * w + xx]!;
      v = max ? Math.max(v, p) : Math.min(v, p);
    }
    out[y * w + x] = v;
  }
  return out;
}

function random(w: number, h: number, seed: number): Uint8Array {
  let a = seed;
  return Uint8Array.from({ length: w * h }, () => ((a = (a * 1103515245 + 12345) >>> 0) >>> 24));
}

describe('running max/min filters', () => {
  it('equal the pixel-by-pixel definition for odd windows of every size, along rows and columns', () => {
    for (const [w, h, kw, kh] of [[23, 17, 5, 3], [40, 9, 1, 7], [8, 30, 9, 1], [31, 29, 13, 11], [5, 5, 7, 9]] as const) {
      const src = random(w, h, w * 31 + kw);
      expect(dilate(src, w, h, kw, kh)).toEqual(naive(src, w, h, kw, kh, true));
      expect(erode(src, w, h, kw, kh)).toEqual(naive(src, w, h, kw, kh, false));
    }
  });

  it('finds dark strokes narrower than the window (blackhat) and nothing on a flat page', () => {
    const w = 30, h = 20;
    const page = new Uint8Array(w * h).fill(200);
    expect(Math.max(...blackhat(page, w, h, 9, 9))).toBe(0);
    for (let y = 5; y < 15; y++) page[y * w + 12] = 40; // a one-pixel vertical stroke
    const bh = blackhat(page, w, h, 9, 9);
    expect(bh[10 * w + 12]).toBe(160);
    expect(bh[10 * w + 20]).toBe(0);
  });
});
