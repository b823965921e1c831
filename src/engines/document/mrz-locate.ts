import { blackhat, components, dilate, erode, otsu } from './morphology.ts';
import type { Box, GrayImage } from './image-normalise.ts';

export type MrzCandidate = { box: Box; lines: number; lineHeight: number; score: number };

/**
 * Finds groups of 2–3 long, evenly spaced, equally wide text lines (what an MRZ looks like)
 * without OCR: dark-text blackhat, threshold, horizontal smear into line blobs, then grouping.
 * Coordinates are in the given image's pixels.
 */
export function locateMrz(img: GrayImage): MrzCandidate[] {
  const { bh, thr, width: W, height: H } = textInk(img);
  const bin = new Uint8Array(bh.length);
  for (let i = 0; i < bh.length; i++) bin[i] = bh[i]! > thr ? 255 : 0;
  // Join the characters of a line, then trim the joined blob back (closing).
  const sw = Math.max(7, Math.round(W / 45)) | 1;
  const smeared = erode(dilate(bin, W, H, sw, 1), W, H, sw, 1);
  // Cut thin bridges between neighbouring lines (vertical opening), and drop thin vertical
  // strokes such as document edges and card borders that would weld lines together.
  const ow = Math.max(5, Math.round(W / 60)) | 1;
  const opened = dilate(erode(dilate(erode(smeared, W, H, 1, 3), W, H, 1, 3), W, H, ow, 1), W, H, ow, 1);
  const blobs = components(opened, W, H)
    .map((c) => ({ ...c, w: c.x1 - c.x0 + 1, h: c.y1 - c.y0 + 1 }))
    .filter((c) => c.w >= c.h * 1.5 && c.h >= 5 && c.h < H * 0.15);
  const lines = mergeCollinear(blobs)
    .filter((c) => c.w >= W * 0.25 && c.w / c.h >= 8 && c.area / (c.w * c.h) >= 0.35)
    .sort((a, b) => a.y0 - b.y0);
  const out: MrzCandidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    const chain = [lines[i]!];
    for (let j = i + 1; j < lines.length && chain.length < 3; j++) {
      const prev = chain[chain.length - 1]!;
      const c = lines[j]!;
      const gap = c.y0 - prev.y1;
      if (gap < -prev.h * 0.3 || gap > prev.h * 2.2) continue;
      if (Math.abs(c.x0 - prev.x0) > Math.max(prev.h * 2.5, W * 0.04)) continue;
      if (Math.min(c.w, prev.w) / Math.max(c.w, prev.w) < 0.7) continue;
      if (Math.min(c.h, prev.h) / Math.max(c.h, prev.h) < 0.5) continue;
      chain.push(c);
      if (chain.length >= 2) {
        const x0 = Math.min(...chain.map((l) => l.x0)), x1 = Math.max(...chain.map((l) => l.x1));
        const y0 = chain[0]!.y0, y1 = chain[chain.length - 1]!.y1;
        const lineHeight = chain.reduce((s, l) => s + l.h, 0) / chain.length;
        out.push({ box: { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 }, lines: chain.length, lineHeight, score: (x1 - x0) * chain.length + y1 * 0.1 });
      }
    }
  }
  // Prefer the widest groups; the MRZ spans almost the whole document.
  return out.sort((a, b) => b.score - a.score).slice(0, 6);
}

/**
 * Dark text detail (blackhat, kernels sized to the page width) and the level above which it is
 * ink, on the contrast-stretched page: what the locator and the tilt measure both start from.
 */
function textInk(img: GrayImage): { bh: Uint8Array; thr: number; width: number; height: number } {
  const { data, width, height } = stretchContrast(img);
  const bh = blackhat(data, width, height, Math.max(9, Math.round(width / 40)) | 1, Math.max(5, Math.round(width / 110)) | 1);
  // Clean scans give a high Otsu level that drops the thin `<` strokes; cap it.
  return { bh, thr: Math.min(70, Math.max(25, otsu(bh))), width, height };
}

/**
 * A dim or washed-out photo stretched to the full grey range (1st to 99th percentile): the
 * locator's ink thresholds are absolute levels, and a print at half contrast falls under them.
 */
function stretchContrast(img: GrayImage): GrayImage {
  const hist = new Uint32Array(256);
  for (let i = 0; i < img.data.length; i++) hist[img.data[i]!]!++;
  const at = (q: number) => { let acc = 0; for (let v = 0; v < 256; v++) { acc += hist[v]!; if (acc >= img.data.length * q) return v; } return 255; };
  const lo = at(0.01), hi = at(0.99);
  if (hi - lo >= 200 || hi <= lo) return img;
  const k = 255 / (hi - lo);
  const data = new Uint8Array(img.data.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, Math.round((img.data[i]! - lo) * k)));
  return { ...img, data };
}

type Blob = { x0: number; y0: number; x1: number; y1: number; area: number; w: number; h: number };

/** Re-joins pieces of one text line split at wide gaps (runs of thin `<` fillers, glare spots). */
function mergeCollinear(blobs: Blob[]): Blob[] {
  const sorted = [...blobs].sort((a, b) => a.x0 - b.x0);
  const used = new Array<boolean>(sorted.length).fill(false);
  const out: Blob[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (used[i]) continue;
    const cur = { ...sorted[i]! };
    for (let j = i + 1; j < sorted.length; j++) {
      if (used[j]) continue;
      const b = sorted[j]!;
      const overlap = Math.min(cur.y1, b.y1) - Math.max(cur.y0, b.y0);
      const gap = b.x0 - cur.x1;
      if (overlap < Math.min(cur.h, b.h) * 0.6 || gap > Math.max(cur.h, b.h) * 3 || gap < -cur.h) continue;
      if (Math.min(cur.h, b.h) / Math.max(cur.h, b.h) < 0.6) continue;
      cur.area += b.area;
      cur.x0 = Math.min(cur.x0, b.x0); cur.x1 = Math.max(cur.x1, b.x1); cur.y0 = Math.min(cur.y0, b.y0); cur.y1 = Math.max(cur.y1, b.y1);
      cur.w = cur.x1 - cur.x0 + 1; cur.h = cur.y1 - cur.y0 + 1;
      used[j] = true;
    }
    // Merged gaps count as filled: they are part of the line.
    cur.area = Math.max(cur.area, cur.w * cur.h * 0.5);
    out.push(cur);
  }
  return out;
}

/** Widest text tilt the page skew estimate looks for, in degrees either way. */
const MAX_TEXT_TILT = 20;

/**
 * The angle (degrees, clockwise positive) of the page's text lines: the row projection of dark
 * text detail is sharpest along them. The locator's line blobs break up beyond a degree or two
 * of tilt, so a tilted photo is turned by this before the MRZ is looked for.
 */
export function textTiltDegrees(img: GrayImage): number {
  const { bh, thr, width: W, height: H } = textInk(img);
  const xs: number[] = [], ys: number[] = [];
  // The image's own edges are straight at 0° whatever the text does: a band along them is left out.
  const edge = Math.round(Math.max(W, H) * 0.03);
  // Every row (a row step would leave every other bin empty at 0° and make that angle look sharp).
  for (let y = edge; y < H - edge; y++) for (let x = edge; x < W - edge; x += 2) if (bh[y * W + x]! > thr) { xs.push(x - W / 2); ys.push(y); }
  if (xs.length < 200) return 0;
  const margin = Math.ceil((W / 2) * Math.tan((MAX_TEXT_TILT * Math.PI) / 180)) + 2;
  const hist = new Float64Array(H + 2 * margin);
  // Peaks over the profile's local mean: the spread of a photo or pattern is least at 0° for
  // any wide page, so the raw profile's sharpness would favour no tilt; text lines are peaks.
  const k = Math.max(4, Math.round(W / 40));
  const cum = new Float64Array(hist.length + 1);
  const sharpness = (deg: number) => {
    const t = Math.tan((deg * Math.PI) / 180);
    hist.fill(0);
    for (let i = 0; i < xs.length; i++) hist[Math.round(ys[i]! - xs[i]! * t) + margin]!++;
    for (let i = 0; i < hist.length; i++) cum[i + 1] = cum[i]! + hist[i]!;
    let s = 0;
    for (let i = 0; i < hist.length; i++) {
      const a = Math.max(0, i - k), b = Math.min(hist.length, i + k + 1);
      const d = hist[i]! - (cum[b]! - cum[a]!) / (b - a);
      s += d * d;
    }
    return s;
  };
  let best = 0, bestScore = -1;
  for (let deg = -MAX_TEXT_TILT; deg <= MAX_TEXT_TILT; deg += 1) { const s = sharpness(deg); if (s > bestScore) { bestScore = s; best = deg; } }
  for (let deg = best - 0.75; deg <= best + 0.75; deg += 0.25) { const s = sharpness(deg); if (s > bestScore) { bestScore = s; best = deg; } }
  return best;
}
