import type { Box, GrayImage } from './image-normalise.ts';
import { ASPECTS, bestQuad, downscale, quadAspect, refine } from './locate-document-outline.ts';
import type { LayoutFormat, LocateHint, Point } from './locate-document-types.ts';

// Declared in locate-document-types.ts so the outline search can use them without importing this file back.
export type { LayoutFormat, LocateHint, Point } from './locate-document-types.ts';

/**
 * Top-left, top-right, bottom-right, bottom-left of the document in image pixels, in the image's
 * own orientation: the image is expected upright as the reader reads it (MRZ text left to right),
 * so an MRZ found at the top of the page stays at the top (a layout fault, not a turn).
 */
export type Corners = [Point, Point, Point, Point];

export type DocumentLocation = {
  /** The document's quadrilateral, or undefined when no plausible one was found. */
  corners: Corners | undefined;
  /** Axis-aligned box around the portrait zone of the layout, when the layout prints one on this side. */
  portraitBox?: Box;
  /** 0–1: share of the quadrilateral's outline backed by an edge (MRZ-only estimates get ≤ 0.3). */
  confidence: number;
  /** Long side over short side of the quadrilateral (mean of opposite sides). */
  aspect?: number;
};

/**
 * Portrait zones as fractions of the document (u across, v down, MRZ at the bottom): ICAO 9303
 * zone V on the left of the data page above the MRZ (TD2/TD3, visas), on the left of the TD1
 * front, and the AAMVA front's principal photo on the left. Generous, to cover issuers' variants.
 */
const PORTRAIT_ZONE: Record<'mrzPage' | 'cardFront', { u0: number; u1: number; v0: number; v1: number }> = {
  mrzPage: { u0: 0.02, u1: 0.36, v0: 0.13, v1: 0.75 },
  cardFront: { u0: 0.02, u1: 0.4, v0: 0.12, v1: 0.95 },
};

/** Maps (u, v) in the unit square to the quadrilateral (projective: exact for a flat document in perspective). */
export function quadPoint(c: Corners, u: number, v: number): Point {
  const [p0, p1, p2, p3] = c;
  const sx = p0[0] - p1[0] + p2[0] - p3[0];
  const sy = p0[1] - p1[1] + p2[1] - p3[1];
  const dx1 = p1[0] - p2[0], dx2 = p3[0] - p2[0], dy1 = p1[1] - p2[1], dy2 = p3[1] - p2[1];
  const den = dx1 * dy2 - dx2 * dy1;
  const g = den ? (sx * dy2 - dx2 * sy) / den : 0;
  const h = den ? (dx1 * sy - sx * dy1) / den : 0;
  const a = p1[0] - p0[0] + g * p1[0], b = p3[0] - p0[0] + h * p3[0];
  const d = p1[1] - p0[1] + g * p1[1], e = p3[1] - p0[1] + h * p3[1];
  const w = g * u + h * v + 1;
  return [(a * u + b * v + p0[0]) / w, (d * u + e * v + p0[1]) / w];
}

/** Inverse of `quadPoint`: where an image point lies on the document, as (u, v) in the unit square. */
export function documentCoordinates(c: Corners, p: Point): Point {
  // Solve quadPoint(c, u, v) = p by Newton's method from the centre (the map is smooth and nearly affine).
  let u = 0.5;
  let v = 0.5;
  for (let it = 0; it < 20; it++) {
    const q = quadPoint(c, u, v);
    const du = quadPoint(c, u + 1e-4, v);
    const dv = quadPoint(c, u, v + 1e-4);
    const a = (du[0] - q[0]) / 1e-4, b = (dv[0] - q[0]) / 1e-4, cc = (du[1] - q[1]) / 1e-4, d = (dv[1] - q[1]) / 1e-4;
    const det = a * d - b * cc;
    if (!det) break;
    const ex = p[0] - q[0], ey = p[1] - q[1];
    u += (d * ex - b * ey) / det;
    v += (a * ey - cc * ex) / det;
    if (Math.abs(ex) + Math.abs(ey) < 1e-6) break;
  }
  return [u, v];
}

function zoneBox(c: Corners, z: { u0: number; u1: number; v0: number; v1: number }, img: GrayImage): Box {
  const p = [quadPoint(c, z.u0, z.v0), quadPoint(c, z.u1, z.v0), quadPoint(c, z.u1, z.v1), quadPoint(c, z.u0, z.v1)];
  const x0 = Math.max(0, Math.min(...p.map((q) => q[0])));
  const y0 = Math.max(0, Math.min(...p.map((q) => q[1])));
  const x1 = Math.min(img.width, Math.max(...p.map((q) => q[0])));
  const y1 = Math.min(img.height, Math.max(...p.map((q) => q[1])));
  return { x: x0, y: y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) };
}

/**
 * Which portrait zone this side carries: MRZ pages of TD2/TD3/visas, fronts of TD1 and AAMVA
 * cards; TD1 backs none. Without the format, an MRZ on an ID-1-shaped card (or, with no outline,
 * a squat three-line MRZ: ~5.5:1 against ≥ 9:1 for two lines) is a TD1 back.
 */
function portraitZone(hint: LocateHint | undefined, aspect: number | undefined) {
  const mrz = hint?.mrzBox;
  if (mrz) {
    const td1 = hint.format ? hint.format === 'TD1' : aspect !== undefined ? aspect > 1.53 : mrz.w / Math.max(1, mrz.h) < 7.5;
    return td1 ? undefined : PORTRAIT_ZONE.mrzPage;
  }
  if (hint?.format === 'TD1' || hint?.format === 'AAMVA') return PORTRAIT_ZONE.cardFront;
  return undefined;
}

/**
 * An ICAO page estimated from its MRZ alone (upright, as the reader leaves it): the MRZ spans
 * ~93% of the width and ends ~5% above the bottom edge. Used when no outline was found.
 */
function cornersFromMrz(mrz: Box, td1: boolean): Corners {
  const w = mrz.w / 0.93;
  const h = w / (td1 ? ASPECTS[0]! : ASPECTS[2]!);
  const x = mrz.x + mrz.w / 2 - w / 2;
  const bottom = mrz.y + mrz.h + 0.05 * h;
  return [[x, bottom - h], [x + w, bottom - h], [x + w, bottom], [x, bottom]];
}


/**
 * Finds the document in a photo: the largest well-outlined convex quadrilateral whose aspect ratio
 * is an ID-1, ID-2 or ID-3 document's (±20% for perspective; ±9% of the format's own when
 * `format` is given) and, when the MRZ box is given, that contains the MRZ's centre. Corners are
 * refined on the full-resolution image. Also the portrait zone of the layout, when it prints a
 * portrait on this side. Pure function; `img` upright as the reader reads it.
 */
export function locateDocument(img: GrayImage, hint?: LocateHint): DocumentLocation {
  const s = downscale(img);
  const found = s.w >= 32 && s.h >= 32 ? bestQuad(s, hint) : undefined;
  if (!found) {
    const zone = portraitZone(hint, undefined);
    if (!hint?.mrzBox) return { corners: undefined, confidence: 0 };
    // No outline (the document fills the frame, or lies on a background of its own colour).
    const est = cornersFromMrz(hint.mrzBox, !zone);
    return { corners: undefined, confidence: 0.3, ...(zone && { portraitBox: zoneBox(est, zone, img) }) };
  }
  const c = refine(img, found.c.map(([x, y]) => [x * s.f + (s.f - 1) / 2, y * s.f + (s.f - 1) / 2] as Point), s.f);
  const corners = c as Corners;
  const zone = portraitZone(hint, quadAspect(c));
  return { corners, confidence: Math.round(found.support * 100) / 100, aspect: quadAspect(c), ...(zone && { portraitBox: zoneBox(corners, zone, img) }) };
}