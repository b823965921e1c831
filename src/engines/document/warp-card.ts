import type { GrayImage } from './image-normalise.ts';
import { bestQuad, downscale, refine } from './locate-document-outline.ts';
import type { Point } from './locate-document.ts';

/** Share of the outline that must be backed by edges before the card is flattened by it. */
const MIN_SUPPORT = 0.85;

/** Solves the 8 unknowns of the homography taking (u, v) in the flat card to (x, y) in the photo. */
function homography(dst: Point[], src: Point[]): number[] {
  const A: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [u, v] = dst[i]!, [x, y] = src[i]!;
    A.push([u, v, 1, 0, 0, 0, -u * x, -v * x, x]);
    A.push([0, 0, 0, u, v, 1, -u * y, -v * y, y]);
  }
  // Gauss–Jordan elimination with partial pivoting on the 8×9 augmented matrix.
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    [A[c], A[p]] = [A[p]!, A[c]!];
    const piv = A[c]![c]!;
    if (Math.abs(piv) < 1e-12) return [1, 0, 0, 0, 1, 0, 0, 0];
    for (let k = c; k < 9; k++) A[c]![k]! /= piv;
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r]![c]!;
      if (f) for (let k = c; k < 9; k++) A[r]![k]! -= f * A[c]![k]!;
    }
  }
  return A.map((row) => row[8]!);
}

/** The quadrilateral `corners` (clockwise from top-left) resampled flat to `width`×`height`. */
export function warpQuad(img: GrayImage, corners: Point[], width: number, height: number): GrayImage {
  const h = homography([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], corners);
  const out = new Uint8Array(width * height);
  const W = img.width, H = img.height, d = img.data;
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const z = h[6]! * u + h[7]! * v + 1;
      const x = (h[0]! * u + h[1]! * v + h[2]!) / z, y = (h[3]! * u + h[4]! * v + h[5]!) / z;
      const x0 = Math.max(0, Math.min(W - 2, Math.floor(x))), y0 = Math.max(0, Math.min(H - 2, Math.floor(y)));
      const a = Math.max(0, Math.min(1, x - x0)), b = Math.max(0, Math.min(1, y - y0));
      const i = y0 * W + x0;
      out[v * width + u] = (d[i]! * (1 - a) + d[i + 1]! * a) * (1 - b) + (d[i + W]! * (1 - a) + d[i + W + 1]! * a) * b;
    }
  }
  return { data: out, width, height };
}

/**
 * The ID-1 card in a photo, flattened to `width`×`height` (the outline found as the MRZ reader's
 * locator finds it, then a perspective warp); undefined when no well-supported card outline is
 * found (the caller may take the photo as the card when the card fills it).
 */
export function flattenCard(img: GrayImage, width: number, height: number): { card: GrayImage; corners: Point[] } | undefined {
  const s = downscale(img);
  if (s.w < 32 || s.h < 32) return undefined;
  const found = bestQuad(s, undefined);
  if (!found || found.support < MIN_SUPPORT) return undefined;
  const aspect = width / height;
  const q = found.c;
  const wTop = Math.hypot(q[1]![0] - q[0]![0], q[1]![1] - q[0]![1]), hLeft = Math.hypot(q[3]![0] - q[0]![0], q[3]![1] - q[0]![1]);
  if (Math.abs(wTop / hLeft / aspect - 1) > 0.25) return undefined;
  const corners = refine(img, q.map(([x, y]) => [x * s.f + (s.f - 1) / 2, y * s.f + (s.f - 1) / 2] as Point), s.f);
  return { card: warpQuad(img, corners, width, height), corners };
}
