import type { Rect, SideReading } from '../document/document-reading.ts';
import type { Raster } from './analysis-image.ts';

export type DocumentRegion = {
  /** Box of the document in the work raster's pixels. */
  box: Rect;
  /** Width / height of the document as photographed (from corners when known). */
  aspect: number;
  /** How the region was found: reader's corners, own background separation, or the whole frame. */
  source: 'corners' | 'background' | 'frame';
  /** The document's corners (TL, TR, BR, BL; MRZ side down) when known, work-raster pixels. */
  corners?: Array<[number, number]>;
};

const dist = (a: [number, number], b: [number, number]) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/**
 * Where the document lies in the frame. The reader's corners win; otherwise the document is
 * separated from a plain background (the colour of the frame's outer ring) and accepted only when
 * its own margin clearly differs from that background — a white card on a white table, or a
 * tightly cropped scan, is treated as filling the frame.
 */
/** Region of a quadrilateral (TL, TR, BR, BL, in work-raster pixels): its bounding box, and width over height from its sides. */
export function regionFromCorners(c: Array<[number, number]>): DocumentRegion {
  const xs = c.map((p) => p[0]);
  const ys = c.map((p) => p[1]);
  const w = (dist(c[0]!, c[1]!) + dist(c[3]!, c[2]!)) / 2;
  const h = (dist(c[0]!, c[3]!) + dist(c[1]!, c[2]!)) / 2;
  const x0 = Math.max(0, Math.min(...xs));
  const y0 = Math.max(0, Math.min(...ys));
  const box = { x: x0, y: y0, w: Math.max(...xs) - x0, h: Math.max(...ys) - y0 };
  return { box, aspect: w / Math.max(1, h), source: 'corners', corners: c };
}

export function findDocumentRegion(work: Raster, side?: SideReading): DocumentRegion {
  if (side?.documentCorners && side.documentCorners.length === 4 && side.width > 0) {
    const s = work.width / side.width;
    return regionFromCorners(side.documentCorners.map(([x, y]) => [x * s, y * s] as [number, number]));
  }
  const whole: DocumentRegion = { box: { x: 0, y: 0, w: work.width, h: work.height }, aspect: work.width / work.height, source: 'frame' };
  const { rgb, width: W, height: H } = work;
  const ring = Math.max(2, Math.round(Math.min(W, H) * 0.02));
  // Background colour and spread from the outer ring.
  let n = 0;
  const mean = [0, 0, 0];
  const sq = [0, 0, 0];
  for (let y = 0; y < H; y += 2) {
    const edgeRow = y < ring || y >= H - ring;
    for (let x = 0; x < W; x += 2) {
      if (!edgeRow && x >= ring && x < W - ring) continue;
      const i = (y * W + x) * 3;
      for (let k = 0; k < 3; k++) { mean[k]! += rgb[i + k]!; sq[k]! += rgb[i + k]! ** 2; }
      n++;
    }
  }
  for (let k = 0; k < 3; k++) { mean[k]! /= n; sq[k] = Math.sqrt(Math.max(0, sq[k]! / n - mean[k]! ** 2)); }
  const spread = (sq[0]! + sq[1]! + sq[2]!) / 3;
  if (spread > 18) return whole; // busy or split background: the frame is (mostly) the document
  const differs = (i: number) => Math.abs(rgb[i]! - mean[0]!) + Math.abs(rgb[i + 1]! - mean[1]!) + Math.abs(rgb[i + 2]! - mean[2]!) > 60;
  const rows = new Uint32Array(H);
  const cols = new Uint32Array(W);
  // Every other row and column (counts doubled): a 1-px error in the box, a quarter of the time.
  for (let y = 0; y < H; y += 2) for (let x = 0; x < W; x += 2) if (differs((y * W + x) * 3)) { rows[y]! += 2; cols[x]! += 2; }
  const span = (p: Uint32Array, len: number, min: number): [number, number] => {
    let a = 0;
    while (a < p.length && p[a]! < min) a++;
    let b = p.length - 1;
    while (b > a && p[b]! < min) b--;
    return [a, b + 1];
  };
  const [y0, y1] = span(rows, W, W * 0.15);
  const [x0, x1] = span(cols, H, H * 0.15);
  const box = { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  if (box.w <= 0 || box.h <= 0 || box.w * box.h < 0.12 * W * H) return whole;
  // The document's own margin (a band just inside the box) must stand out from the background.
  const band = Math.max(2, Math.round(Math.min(box.w, box.h) * 0.03));
  let inside = 0;
  let count = 0;
  for (let x = box.x; x < box.x + box.w; x += 2) {
    for (const y of [box.y + band, box.y + box.h - 1 - band]) { inside += differs((y * W + x) * 3) ? 1 : 0; count++; }
  }
  for (let y = box.y; y < box.y + box.h; y += 2) {
    for (const x of [box.x + band, box.x + box.w - 1 - band]) { inside += differs((y * W + x) * 3) ? 1 : 0; count++; }
  }
  if (inside / count < 0.7) return whole;
  return { box, aspect: box.w / box.h, source: 'background' };
}
