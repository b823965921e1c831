/** Pure statistics on luminance rasters (one byte per pixel, row-major). */
export { laplacianVariance } from '../face/image-stats.ts';

/** Mean, and the 1st and 99th percentiles, of a luminance buffer. */
export function luminanceStats(gray: Uint8Array): { mean: number; p01: number; p99: number; clippedHigh: number; clippedLow: number } {
  const hist = new Uint32Array(256);
  for (let i = 0; i < gray.length; i++) hist[gray[i]!]!++;
  const n = Math.max(1, gray.length);
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += v * hist[v]!;
  const pct = (q: number) => {
    let acc = 0;
    for (let v = 0; v < 256; v++) { acc += hist[v]!; if (acc >= q * n) return v; }
    return 255;
  };
  let hi = 0;
  for (let v = 250; v < 256; v++) hi += hist[v]!;
  let lo = 0;
  for (let v = 0; v <= 5; v++) lo += hist[v]!;
  return { mean: sum / n, p01: pct(0.01), p99: pct(0.99), clippedHigh: hi / n, clippedLow: lo / n };
}

/** Area-average downscale of a luminance buffer by an integer factor. */
export function shrinkGray(gray: Uint8Array, w: number, h: number, f: number): { gray: Uint8Array; width: number; height: number } {
  const W = Math.floor(w / f);
  const H = Math.floor(h / f);
  const out = new Uint8Array(W * H);
  const acc = new Uint32Array(W);
  for (let y = 0; y < H; y++) {
    acc.fill(0);
    for (let dy = 0; dy < f; dy++) {
      for (let x = 0, i = (y * f + dy) * w; x < W; x++) {
        let s = 0;
        for (let dx = 0; dx < f; dx++, i++) s += gray[i]!;
        acc[x] += s;
      }
    }
    for (let x = 0; x < W; x++) out[y * W + x] = Math.round(acc[x]! / (f * f));
  }
  return { gray: out, width: W, height: H };
}
