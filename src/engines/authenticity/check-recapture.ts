import type { CheckResult } from './authentication-types.ts';
import type { CheckContext } from './check-context.ts';
import { fail, notPerformed, pass, round } from './check-context.ts';
import { periodicPeak } from './periodic-energy.ts';

/** Thresholds; see BENCHMARKS.md (authenticity) for the peak ratios measured on genuine and recaptured sets. */
export const RECAPTURE = {
  /** Median over tiles of the strongest high-band luminance peak (× the ring median). */
  maxLumaPeak: 35,
  /**
   * Same on the red−blue chroma, where a display's sub-pixel stripes show. Set high: blurred
   * genuine photos reach ~36 here (JPEG chroma blocks dominate once the picture is soft).
   */
  maxChromaPeak: 60,
  /** Share of bright, strongly saturated pixels: emissive colours outside a print's gamut. */
  maxEmissive: 0.08,
};

const TILE = 256;

/**
 * Tile positions on a 3×3 grid over the document, at near-full resolution, leaving out any that
 * touch the MRZ: its monospaced OCR-B text is itself perfectly periodic, and a sharp scan of it
 * has spectral peaks just like a screen grid.
 */
function tiles(ctx: CheckContext, count: number): Array<{ x: number; y: number; n: number }> {
  const f = ctx.front!;
  const s = f.fine.width / f.work.width;
  const r = ctx.region!.box;
  const box = { x: r.x * s, y: r.y * s, w: r.w * s, h: r.h * s };
  const n = Math.min(box.w, box.h) >= TILE * 1.2 ? TILE : 128;
  if (Math.min(box.w, box.h) < n) return [];
  const mrz = ctx.mrzBox && { x: ctx.mrzBox.x * s, y: ctx.mrzBox.y * s, w: ctx.mrzBox.w * s, h: ctx.mrzBox.h * s };
  const out = [];
  for (const [i, j] of [[0, 0], [2, 2], [2, 0], [0, 2], [1, 1], [1, 0], [0, 1], [2, 1], [1, 2]] as const) {
    const x = Math.max(0, Math.min(f.fine.width - n, Math.round(box.x + ((i + 0.5) / 3) * box.w - n / 2)));
    const y = Math.max(0, Math.min(f.fine.height - n, Math.round(box.y + ((j + 0.5) / 3) * box.h - n / 2)));
    if (mrz && x < mrz.x + mrz.w && x + n > mrz.x && y < mrz.y + mrz.h && y + n > mrz.y) continue;
    // A flat tile (plain print, no texture) has no spectrum to judge.
    if (tileStd(f.fine.gray, f.fine.width, x, y, n) < 4) continue;
    out.push({ x, y, n });
    if (out.length === count) break;
  }
  return out;
}

function tileStd(g: Uint8Array, w: number, x0: number, y0: number, n: number): number {
  let s = 0;
  let q = 0;
  for (let y = y0; y < y0 + n; y += 2) for (let x = x0; x < x0 + n; x += 2) { const v = g[y * w + x]!; s += v; q += v * v; }
  const k = (n / 2) * (n / 2);
  return Math.sqrt(Math.max(0, q / k - (s / k) ** 2));
}

const median = (v: number[]): number => { const s = [...v].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)]! : 0; };

/**
 * Photo of a screen or of a print: periodic high-frequency energy (pixel grid, halftone, moiré)
 * in luminance and in red−blue chroma (sub-pixel stripes), and colours brighter and more
 * saturated than ink on paper can be (emissive gamut). Tiles are taken at near-full resolution.
 */
export function checkRecapture(ctx: CheckContext, opts: { tiles: number }): CheckResult {
  const f = ctx.front;
  if (!f || !ctx.region) return notPerformed('the image could not be decoded');
  const picks = tiles(ctx, opts.tiles);
  if (picks.length === 0) return notPerformed('the document is too small in the image to analyse its fine texture');
  const luma: number[] = [];
  const chroma: number[] = [];
  for (const t of picks) {
    const l = new Float64Array(t.n * t.n);
    const c = new Float64Array(t.n * t.n);
    for (let y = 0; y < t.n; y++) {
      for (let x = 0; x < t.n; x++) {
        const i = (t.y + y) * f.fine.width + t.x + x;
        l[y * t.n + x] = f.fine.gray[i]!;
        c[y * t.n + x] = f.fine.rgb[i * 3]! - f.fine.rgb[i * 3 + 2]!;
      }
    }
    luma.push(periodicPeak(l, t.n));
    // Chroma only on every other tile: it is a secondary signal and each spectrum costs ~10 ms.
    if (luma.length % 2 === 1) chroma.push(periodicPeak(c, t.n));
  }
  // Emissive colours: bright and saturated beyond what reflective print reaches.
  const { rgb, width } = f.work;
  const r = ctx.region.box;
  let emissive = 0;
  let total = 0;
  for (let y = Math.floor(r.y); y < r.y + r.h; y += 2) {
    for (let x = Math.floor(r.x); x < r.x + r.w; x += 2) {
      const i = (y * width + x) * 3;
      const R = rgb[i]!, G = rgb[i + 1]!, B = rgb[i + 2]!;
      const max = Math.max(R, G, B);
      const min = Math.min(R, G, B);
      if (max >= 235 && max - min >= 150) emissive++;
      total++;
    }
  }
  const m = { lumaPeak: round(median(luma), 1), chromaPeak: round(median(chroma), 1), emissiveFraction: round(emissive / Math.max(1, total), 4), tiles: picks.length };
  const problems: string[] = [];
  if (m.lumaPeak > RECAPTURE.maxLumaPeak) problems.push('periodic screen or print pattern (moiré)');
  if (m.chromaPeak > RECAPTURE.maxChromaPeak) problems.push('colour sub-pixel grid of a display');
  if (m.emissiveFraction > RECAPTURE.maxEmissive) problems.push('colours outside the gamut of print (emissive display)');
  return problems.length ? fail(`The document appears to be a photo of a screen or a print: ${problems.join('; ')}`, m) : pass(m);
}
