import type { GrayImage } from './image-normalise.ts';
import type { LayoutFormat, LocateHint, Point } from './locate-document-types.ts';

/*
 * The outline search behind `locateDocument`: a gradient-directed Hough transform on a small copy,
 * pairs of near-parallel lines closed into quadrilaterals of an ID format's shape, scored by how
 * much of the outline has an edge across it, then each side refitted on the full image.
 */

/** Width / height of ISO/IEC 7810 ID-1 (cards, licences), ID-2 and ID-3 (passport page); MRV-A. */
export const ASPECTS = [85.6 / 53.98, 105 / 74, 125 / 88, 120 / 80];
const ASPECT_TOLERANCE = 0.2;
/** Longest side of the copy the search runs on: enough for the edges, cheap to vote on. */
const SEARCH_SIDE = 480;
/** Sobel magnitude (×8 of the grey step) that counts as an edge on the outline: a ~3-level step. */
const SUPPORT_MIN_GRADIENT = 24;
/** Share of the outline that must be backed by edges (true outlines measured 0.97–1.0, a wrong pick 0.68). */
const MIN_SUPPORT = 0.8;

type Line = { theta: number; rho: number; votes: number };
type Small = { g: Float32Array; mag: Float32Array; gx: Float32Array; gy: Float32Array; w: number; h: number; f: number };

export function downscale(img: GrayImage): Small {
  const f = Math.max(1, Math.ceil(Math.max(img.width, img.height) / SEARCH_SIDE));
  const w = Math.floor(img.width / f);
  const h = Math.floor(img.height / f);
  const g = new Float32Array(w * h);
  // Block means, a whole source row at a time (sequential reads).
  for (let y = 0; y < h; y++) {
    const row = g.subarray(y * w, y * w + w);
    for (let dy = 0; dy < f; dy++) {
      const o = (y * f + dy) * img.width;
      for (let x = 0, i = o; x < w; x++) {
        let s = 0;
        for (let dx = 0; dx < f; dx++, i++) s += img.data[i]!;
        row[x] += s;
      }
    }
    for (let x = 0; x < w; x++) row[x] /= f * f;
  }
  const gx = new Float32Array(w * h);
  const gy = new Float32Array(w * h);
  const mag = new Float32Array(w * h);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const a = g[i - w - 1]!, b = g[i - w]!, c = g[i - w + 1]!, d = g[i - 1]!, e = g[i + 1]!, p = g[i + w - 1]!, q = g[i + w]!, r = g[i + w + 1]!;
      const sx = c + 2 * e + r - a - 2 * d - p;
      const sy = p + 2 * q + r - a - 2 * b - c;
      gx[i] = sx; gy[i] = sy; mag[i] = Math.hypot(sx, sy);
    }
  }
  return { g, mag, gx, gy, w, h, f };
}

/** Voting threshold: the 80th percentile of gradient magnitude, at least a ~8-grey-level step. */
function edgeThreshold(s: Small): number {
  const hist = new Uint32Array(1024);
  for (let i = 0; i < s.mag.length; i++) hist[Math.min(1023, s.mag[i]! >> 1)]!++;
  let acc = 0;
  for (let b = 0; b < 1024; b++) { acc += hist[b]!; if (acc >= 0.8 * s.mag.length) return Math.max(32, b * 2); }
  return 32;
}

/** Hough transform voting only near each edge pixel's own gradient direction; the strongest separated lines. */
function houghLines(s: Small, thr: number, max: number): Line[] {
  const T = 180;
  const D = Math.ceil(Math.hypot(s.w, s.h));
  const acc = new Uint32Array(T * (2 * D + 1));
  const cos = Float64Array.from({ length: T }, (_, t) => Math.cos((t * Math.PI) / T));
  const sin = Float64Array.from({ length: T }, (_, t) => Math.sin((t * Math.PI) / T));
  for (let y = 1; y < s.h - 1; y++) {
    for (let x = 1; x < s.w - 1; x++) {
      const i = y * s.w + x;
      if (s.mag[i]! < thr) continue;
      let t0 = Math.round((Math.atan2(s.gy[i]!, s.gx[i]!) * T) / Math.PI);
      t0 = ((t0 % T) + T) % T;
      for (let dt = -2; dt <= 2; dt++) {
        const t = (t0 + dt + T) % T;
        acc[t * (2 * D + 1) + Math.round(x * cos[t]! + y * sin[t]!) + D]!++;
      }
    }
  }
  const lines: Line[] = [];
  const minVotes = 0.12 * Math.min(s.w, s.h);
  for (let t = 0; t < T; t++) {
    for (let r = 0; r <= 2 * D; r++) {
      const v = acc[t * (2 * D + 1) + r]!;
      if (v < minVotes) continue;
      let isMax = true;
      for (let dt = -3; dt <= 3 && isMax; dt++) {
        const tt = t + dt;
        if (tt < 0 || tt >= T) continue;
        for (let dr = -4; dr <= 4; dr++) {
          const rr = r + dr;
          if ((dt || dr) && rr >= 0 && rr <= 2 * D && acc[tt * (2 * D + 1) + rr]! > v) { isMax = false; break; }
        }
      }
      if (isMax) lines.push({ theta: (t * Math.PI) / T, rho: r - D, votes: v });
    }
  }
  lines.sort((a, b) => b.votes - a.votes);
  return lines.slice(0, max);
}

function intersect(a: Line, b: Line): Point | undefined {
  const det = Math.cos(a.theta) * Math.sin(b.theta) - Math.sin(a.theta) * Math.cos(b.theta);
  if (Math.abs(det) < 1e-6) return undefined;
  return [(a.rho * Math.sin(b.theta) - b.rho * Math.sin(a.theta)) / det, (b.rho * Math.cos(a.theta) - a.rho * Math.cos(b.theta)) / det];
}

const angleDiff = (a: number, b: number) => { const d = Math.abs(a - b) % Math.PI; return Math.min(d, Math.PI - d); };
const dist = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** Length of the side a→b and its unit normal (pointing left of a→b in image coordinates). */
function sideNormal(a: Point, b: Point): { len: number; nx: number; ny: number } {
  const len = dist(a, b);
  return { len, nx: -(b[1] - a[1]) / len, ny: (b[0] - a[0]) / len };
}

/**
 * Share of the outline with an edge across it within 1 px: a gradient of at least a few grey
 * levels pointing along the side's normal. The direction, not the strength, is what a straight
 * side has all along; a dark cover on a dark desk is a weak edge but a consistent one.
 */
function sideSupport(s: Small, c: Point[]): Array<{ hit: number; total: number }> {
  const out = [];
  for (let k = 0; k < 4; k++) {
    const a = c[k]!;
    const b = c[(k + 1) % 4]!;
    const { len, nx, ny } = sideNormal(a, b);
    let hit = 0;
    let total = 0;
    for (let t = 0; t < len; t += 1) {
      total++;
      const px = a[0] + ((b[0] - a[0]) * t) / len;
      const py = a[1] + ((b[1] - a[1]) * t) / len;
      for (let o = -1; o <= 1; o++) {
        const x = Math.round(px + nx * o);
        const y = Math.round(py + ny * o);
        if (x < 1 || y < 1 || x >= s.w - 1 || y >= s.h - 1) continue;
        const i = y * s.w + x;
        if (s.mag[i]! >= SUPPORT_MIN_GRADIENT && Math.abs(s.gx[i]! * nx + s.gy[i]! * ny) >= 0.8 * s.mag[i]!) { hit++; break; }
      }
    }
    out.push({ hit, total });
  }
  return out;
}

const supportOf = (sides: Array<{ hit: number; total: number }>) => sides.reduce((a, x) => a + x.hit, 0) / Math.max(1, sides.reduce((a, x) => a + x.total, 0));

/** Corners in clockwise image order starting top-left (smallest x + y). */
function clockwise(c: Point[]): Point[] {
  const cx = c.reduce((a, p) => a + p[0], 0) / 4;
  const cy = c.reduce((a, p) => a + p[1], 0) / 4;
  const sorted = [...c].sort((a, b) => Math.atan2(a[1] - cy, a[0] - cx) - Math.atan2(b[1] - cy, b[0] - cx));
  let start = 0;
  for (let i = 1; i < 4; i++) if (sorted[i]![0] + sorted[i]![1] < sorted[start]![0] + sorted[start]![1]) start = i;
  return [0, 1, 2, 3].map((k) => sorted[(start + k) % 4]!);
}

export const quadAspect = (c: Point[]) => {
  const a = (dist(c[0]!, c[1]!) + dist(c[3]!, c[2]!)) / 2;
  const b = (dist(c[1]!, c[2]!) + dist(c[0]!, c[3]!)) / 2;
  return Math.max(a, b) / Math.max(1, Math.min(a, b));
};

function insideQuad(c: Point[], p: Point): boolean {
  let sign = 0;
  for (let k = 0; k < 4; k++) {
    const a = c[k]!;
    const b = c[(k + 1) % 4]!;
    const z = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
    if (z === 0) continue;
    if (sign === 0) sign = Math.sign(z);
    else if (Math.sign(z) !== sign) return false;
  }
  return true;
}

function quadArea(c: Point[]): number {
  let a = 0;
  for (let k = 0; k < 4; k++) a += c[k]![0] * c[(k + 1) % 4]![1] - c[(k + 1) % 4]![0] * c[k]![1];
  return Math.abs(a) / 2;
}

type Candidate = { c: Point[]; support: number; score: number };

/** Aspect ratios the hinted format allows (tighter), or any ID format's. */
function allowedAspects(format: LayoutFormat | undefined): { aspects: number[]; tolerance: number } {
  // ±9%: a hand-held photo's perspective, but not a passport page without its dark header band.
  if (format === 'TD1' || format === 'AAMVA' || format === 'DL_EU') return { aspects: [ASPECTS[0]!], tolerance: 0.09 };
  if (format === 'MRVA') return { aspects: [ASPECTS[3]!], tolerance: 0.09 };
  if (format) return { aspects: [ASPECTS[1]!, ASPECTS[2]!], tolerance: 0.09 };
  return { aspects: ASPECTS, tolerance: ASPECT_TOLERANCE };
}

/**
 * The best-supported plausible quadrilateral from pairs of near-parallel Hough lines, in
 * small-image pixels. (Closing an outline from three sides and the aspect ratio was tried: on
 * pages whose dark header has the desk's luminance it picked wrong lines in 7 of 7 cases.)
 */
export function bestQuad(s: Small, hint: LocateHint | undefined): Candidate | undefined {
  const thr = edgeThreshold(s);
  const lines = houghLines(s, thr, 24);
  const minGap = 0.12 * Math.min(s.w, s.h);
  const { aspects, tolerance } = allowedAspects(hint?.format);
  const mrz = hint?.mrzBox;
  const pairs: Array<[Line, Line]> = [];
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const a = lines[i]!;
      const b = lines[j]!;
      if (angleDiff(a.theta, b.theta) > (12 * Math.PI) / 180) continue;
      // Distance between near-parallel lines, measured at the image centre.
      const p = [s.w / 2, s.h / 2];
      const da = p[0]! * Math.cos(a.theta) + p[1]! * Math.sin(a.theta) - a.rho;
      const db = p[0]! * Math.cos(b.theta) + p[1]! * Math.sin(b.theta) - b.rho;
      const sameSense = Math.abs(a.theta - b.theta) < Math.PI / 2;
      const gap = Math.abs(sameSense ? da - db : da + db);
      if (gap >= minGap) pairs.push([a, b]);
    }
  }
  const imgArea = s.w * s.h;
  const perpendicular = (a: Line, c: Line) => Math.abs(angleDiff(a.theta, c.theta) - Math.PI / 2) <= (25 * Math.PI) / 180;
  let best: Candidate | undefined;
  const consider = (a: Line, b: Line, c: Line, d: Line) => {
    const pts = [intersect(a, c), intersect(a, d), intersect(b, d), intersect(b, c)];
    if (pts.some((p) => !p || p[0] < -0.02 * s.w || p[1] < -0.02 * s.h || p[0] > 1.02 * s.w || p[1] > 1.02 * s.h)) return;
    const q = clockwise(pts as Point[]);
    const area = quadArea(q);
    if (area < 0.08 * imgArea) return;
    const aspect = quadAspect(q);
    if (!aspects.some((r) => Math.abs(aspect / r - 1) <= tolerance)) return;
    // ID documents are landscape in the upright image (a portrait photo's frame is not).
    if (dist(q[0]!, q[1]!) + dist(q[3]!, q[2]!) < dist(q[0]!, q[3]!) + dist(q[1]!, q[2]!)) return;
    // The MRZ's centre (its box is axis-aligned, so only the centre is surely on the MRZ when tilted).
    if (mrz && !insideQuad(q, [(mrz.x + mrz.w / 2) / s.f, (mrz.y + mrz.h / 2) / s.f])) return;
    const sup = supportOf(sideSupport(s, q));
    if (sup < MIN_SUPPORT) return;
    // Inner rectangles (a photo frame, the MRZ band) are as straight as the card's outline: prefer the larger.
    const score = sup * Math.pow(area / imgArea, 0.25);
    if (!best || score > best.score) best = { c: q, support: sup, score };
  };
  for (let i = 0; i < pairs.length; i++) {
    for (let j = i + 1; j < pairs.length; j++) {
      const [a, b] = pairs[i]!;
      const [c, d] = pairs[j]!;
      if (perpendicular(a, c)) consider(a, b, c, d);
    }
  }
  return best;
}

/** Refits each side on the full-resolution image: the strongest step along the normal near the coarse side, then a line fit. */
export function refine(img: GrayImage, c: Point[], f: number): Point[] {
  const at = (x: number, y: number) => img.data[Math.min(img.height - 1, Math.max(0, Math.round(y))) * img.width + Math.min(img.width - 1, Math.max(0, Math.round(x)))]!;
  const fitted: Line[] = [];
  for (let k = 0; k < 4; k++) {
    const a = c[k]!;
    const b = c[(k + 1) % 4]!;
    const { len, nx, ny } = sideNormal(a, b);
    const reach = 2 * f + 2;
    const pts: Point[] = [];
    for (let t = 0.06 * len; t < 0.94 * len; t += 3) {
      const px = a[0] + ((b[0] - a[0]) * t) / len;
      const py = a[1] + ((b[1] - a[1]) * t) / len;
      let bestStep = 0;
      let bestO = 0;
      for (let o = -reach; o <= reach; o += 0.5) {
        const step = Math.abs(at(px + nx * (o + 1.5), py + ny * (o + 1.5)) + at(px + nx * (o + 2.5), py + ny * (o + 2.5)) - at(px + nx * (o - 1.5), py + ny * (o - 1.5)) - at(px + nx * (o - 2.5), py + ny * (o - 2.5)));
        if (step > bestStep) { bestStep = step; bestO = o; }
      }
      if (bestStep >= 20) pts.push([px + nx * bestO, py + ny * bestO]);
    }
    let line = fitLine(pts);
    if (line) {
      // One pass of outlier rejection (text or a shadow near the edge).
      const kept = pts.filter((p) => Math.abs(p[0] * Math.cos(line!.theta) + p[1] * Math.sin(line!.theta) - line!.rho) <= 2);
      line = fitLine(kept) ?? line;
    }
    fitted.push(line ?? { theta: Math.atan2(ny, nx), rho: a[0] * nx + a[1] * ny, votes: 0 });
  }
  const out = [intersect(fitted[3]!, fitted[0]!), intersect(fitted[0]!, fitted[1]!), intersect(fitted[1]!, fitted[2]!), intersect(fitted[2]!, fitted[3]!)];
  return out.every((p, k) => p && dist(p, c[k]!) <= 3 * f + 4) ? (out as Point[]) : c;
}

/** Total least squares line through points (as theta, rho), or undefined for fewer than 5. */
function fitLine(pts: Point[]): Line | undefined {
  if (pts.length < 5) return undefined;
  const mx = pts.reduce((a, p) => a + p[0], 0) / pts.length;
  const my = pts.reduce((a, p) => a + p[1], 0) / pts.length;
  let sxx = 0, syy = 0, sxy = 0;
  for (const [x, y] of pts) { sxx += (x - mx) ** 2; syy += (y - my) ** 2; sxy += (x - mx) * (y - my); }
  // Normal direction: the eigenvector of the smaller eigenvalue of the scatter matrix.
  const theta = 0.5 * Math.atan2(2 * sxy, sxx - syy) + Math.PI / 2;
  return { theta, rho: mx * Math.cos(theta) + my * Math.sin(theta), votes: pts.length };
}

