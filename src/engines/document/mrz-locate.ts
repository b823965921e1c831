import { blackhat, components, dilate, erode, otsu } from './morphology.ts';
import type { Box, GrayImage } from './image-normalise.ts';

export type MrzCandidate = { box: Box; lines: number; lineHeight: number; score: number };

/**
 * Finds groups of 2–3 long, evenly spaced, equally wide text lines (what an MRZ looks like)
 * without OCR: dark-text blackhat, threshold, horizontal smear into line blobs, then grouping.
 * Coordinates are in the given image's pixels.
 */
export function locateMrz(img: GrayImage): MrzCandidate[] {
  const { data, width: W, height: H } = img;
  const kw = Math.max(9, Math.round(W / 40)) | 1;
  const kh = Math.max(5, Math.round(W / 110)) | 1;
  const bh = blackhat(data, W, H, kw, kh);
  // Clean scans give a high Otsu level that drops the thin `<` strokes; cap it.
  const thr = Math.min(70, Math.max(25, otsu(bh)));
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
