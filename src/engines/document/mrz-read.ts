import { PSM } from 'tesseract.js';
import { cropPng, resizeGray, rotateGray, type Box, type GrayImage } from './image-normalise.ts';
import { locateMrz } from './mrz-locate.ts';
import { MIN_TURN_TILT, pageTilt, SAME_TILT } from './page-tilt.ts';
import { ocrLstmText, ocrMrzText } from './mrz-ocr.ts';
import { mergeReads } from './mrz-merge.ts';
import { layoutFor } from './mrz-layout.ts';
import { parseMrz, type MrzParse } from './mrz-parse.ts';
import { readMrzGlyphs, UPRIGHT_CONFIDENCE } from './mrz-glyph-read.ts';
import { mrzLineSets } from './mrz-text.ts';

export type MrzRead = MrzParse & {
  /** Rotation (degrees clockwise) that made the document upright. */
  rotation: number;
  /** MRZ box in the upright, work-scale image. */
  box?: Box;
  /** Size of the upright work-scale image the box refers to. */
  uprightSize: { width: number; height: number };
  /** Which reader produced the characters: the OCR-B glyph classifier or tesseract. */
  engine: 'glyphs' | 'tesseract';
  /** Glyph reads only: mean probability of the chosen characters (GlyphRead's). */
  confidence?: number;
  /** Glyph reads only: each cell's margin over its runner-up, nats (GlyphRead's). */
  cellMargins?: number[][];
};

const LOCATE_WIDTH = 720;
/** Pixel height tesseract's legacy engine reads OCR-B best at. */
/**
 * Line heights (px) the crop is OCR'd at. The legacy engine confuses M/H/W and 0/O differently
 * at each size, so reads at several sizes are voted character by character.
 */
const LINE_PX = [30, 44, 58];

/** 0 for a clean read; each failed check digit, bad name or implausible code/date costs. */
const score = (p: MrzParse) => Object.values(p.checkDigits).filter(Boolean).length + (p.nameValid ? 1 : 0) - Object.values(p.checkDigits).length - 2 * p.structureProblems.length;

function bestOf(text: string): MrzParse | undefined {
  let best: MrzParse | undefined;
  for (const { fitted, raw } of mrzLineSets(text)) {
    let p = parseMrz(fitted);
    if (!p) continue;
    // A line one character too long usually holds one split glyph (M read as "14"): try each
    // single deletion and keep the one the check digits like best.
    for (let li = 0; li < raw.length; li++) {
      if (raw[li]!.length !== fitted[li]!.length + 1) continue;
      for (let k = 0; k < raw[li]!.length; k++) {
        const trial = [...p.lines];
        trial[li] = raw[li]!.slice(0, k) + raw[li]!.slice(k + 1);
        const q = parseMrz(trial);
        if (q && score(q) > score(p)) p = q;
      }
    }
    if (!best || score(p) > score(best)) best = p;
  }
  return best;
}

/**
 * Finds and reads the MRZ at any right-angle rotation: the locator proposes line groups in the
 * upright and the quarter-turned image; each is OCR'd the right way up and, failing that,
 * upside down. The first fully valid read wins; otherwise the best partial one is returned.
 */
/** Re-reads letters with the LSTM engine; keeps the merge unless it costs a check digit. */
async function refineLetters(img: GrayImage, box: Box, lineH: number, flip: number, p: MrzParse): Promise<MrzParse> {
  const png = await cropPng(img, box, Math.min(4, Math.max(0.2, 44 / lineH)), flip);
  const merged = mergeReads(p.lines, await ocrLstmText(png));
  const layout = layoutFor(p.lines.length, p.lines[0]!.length, p.lines[0]!.slice(0, 5));
  if (!merged || !layout) return p;
  // Only fields no check digit covers take the LSTM letters; numbers stay with the legacy read
  // and the check-digit repair (an LSTM digit could otherwise slip past a lucky composite).
  // (The French card's composite covers its names too; the score test below then decides.)
  const grid = p.lines.map((l) => l.split(''));
  const letterSpans = [layout.names, layout.givenNames, layout.issuer, layout.nationality, layout.documentCode].filter((s) => s !== undefined);
  for (const [l, st, en] of letterSpans) {
    for (let i = st; i < en; i++) if (/[A-Z]/.test(merged[l]![i]!)) grid[l]![i] = merged[l]![i]!;
  }
  const [sl, ss] = layout.sex;
  if (/[MFX]/.test(merged[sl]![ss]!)) grid[sl]![ss] = merged[sl]![ss]!;
  const m = parseMrz(grid.map((r) => r.join('')));
  return m && score(m) >= score(p) ? m : p;
}

/** `deadline` (epoch ms): no further OCR pass starts after it; the reads so far decide. */
async function readAtScales(img: GrayImage, box: Box, lineH: number, flip: number, deadline: number): Promise<MrzParse | undefined> {
  const p = await readAtScalesLegacy(img, box, lineH, flip, deadline);
  return p && score(p) >= -1 && Date.now() < deadline ? refineLetters(img, box, lineH, flip, p) : p;
}

async function readAtScalesLegacy(img: GrayImage, box: Box, lineH: number, flip: number, deadline: number): Promise<MrzParse | undefined> {
  const reads: MrzParse[] = [];
  for (const [i, px] of LINE_PX.entries()) {
    if (i > 0 && Date.now() >= deadline) break;
    const png = await cropPng(img, box, Math.min(4, Math.max(0.2, px / lineH)), flip);
    const p = bestOf(await ocrMrzText(png));
    if (!p) continue;
    reads.push(p);
    // Two identical valid reads settle it; no need for the third size.
    if (reads.length === 2 && p.valid && reads[0]!.lines.join() === p.lines.join()) return p;
  }
  if (reads.length === 0) return undefined;
  const byFormat = reads.filter((r) => r.format === reads.sort((a, b) => score(b) - score(a))[0]!.format);
  if (byFormat.length < 3) return byFormat[0];
  const voted = byFormat[0]!.lines.map((line, li) =>
    [...line].map((ch, ci) => {
      const others = byFormat.slice(1).map((r) => r.lines[li]![ci]!);
      return others[0] === others[1] && others[0] !== ch ? others[0]! : ch;
    }).join(''),
  );
  const v = parseMrz(voted);
  return v && score(v) >= score(byFormat[0]!) ? v : byFormat[0];
}

/**
 * Tilted poses to try: the page's measured text tilt, upright and quarter-turned, then fixed
 * ±4° tilts in case the measure was misled (a patterned background, a page mostly photo).
 */
async function tiltedPoses(full: GrayImage): Promise<Array<[number, number]>> {
  const poses: Array<[number, number]> = [];
  const { upright, quarter: turned } = await pageTilt(full);
  if (Math.abs(upright) >= MIN_TURN_TILT) poses.push([0, -upright]);
  if (Math.abs(turned) >= MIN_TURN_TILT) poses.push([90, -turned]);
  for (const [quarter, tilt] of [[0, -4], [0, 4], [90, -4], [90, 4]] as const) {
    if (!poses.some(([q, t]) => q === quarter && Math.abs(t - tilt) < SAME_TILT)) poses.push([quarter, tilt]);
  }
  return poses;
}

type Located = { turned: GrayImage; pose: number; box: Box; lineH: number; lines: number };

/** Where an earlier read found the MRZ: its rotation and box in the upright image (an MrzRead's). */
export type MrzLead = Pick<MrzRead, 'rotation' | 'box'>;

/**
 * The flip at which `c` is the lead's region, or undefined when it is another one. Poses are
 * 0, 90 and tilts off them; a read turned over adds 180, so the rotation tells pose and flip apart.
 */
function leadFlip(c: Located, lead: MrzLead | undefined): 0 | 180 | undefined {
  if (!lead?.box) return undefined;
  const flip = ((lead.rotation - c.pose) % 360 + 360) % 360;
  if (flip !== 0 && flip !== 180) return undefined;
  const { width: w, height: h } = c.turned;
  const b = flip ? { x: w - (lead.box.x + lead.box.w), y: h - (lead.box.y + lead.box.h), w: lead.box.w, h: lead.box.h } : lead.box;
  const ix = Math.min(b.x + b.w, c.box.x + c.box.w) - Math.max(b.x, c.box.x);
  const iy = Math.min(b.y + b.h, c.box.y + c.box.h) - Math.max(b.y, c.box.y);
  const overlap = ix > 0 && iy > 0 ? (ix * iy) / Math.min(b.w * b.h, c.box.w * c.box.h) : 0;
  return overlap > 0.5 ? flip : undefined;
}

export type MrzEngines = 'both' | 'glyphs' | 'tesseract';

/**
 * Finds and reads the MRZ at any right-angle rotation and a few degrees of tilt. Every pose
 * is first tried with the OCR-B glyph classifier (milliseconds); only when none gives a fully
 * valid read does tesseract read the same candidates, and the better read wins.
 * `poses`: 'straight' tries upright and quarter-turned only (a glance), 'tilted' only the tilted
 * poses of both (tiltedPoses; after a glance found nothing), 'all' (default) both in that order.
 * `deadline` (epoch ms): no tesseract pass starts after it; the best read so far is returned.
 * `lead`: where a glyph read found the MRZ without settling it; tesseract reads that region
 * first, the same way up. Text blocks that are no MRZ otherwise cost seconds each before the
 * MRZ is reached, and the deadline may come first.
 */
export async function readMrz(full: GrayImage, opts: { deadline?: number; engines?: MrzEngines; poses?: 'straight' | 'tilted' | 'all'; lead?: MrzLead } = {}): Promise<MrzRead | undefined> {
  const deadline = opts.deadline ?? Infinity;
  const timeLeft = () => Date.now() < deadline;
  let best: MrzRead | undefined;
  const consider = (read: MrzRead) => { if (!best || score(read) > score(best)) best = read; };
  const place = (c: Located, flip: number, parsed: MrzParse, engine: MrzRead['engine']): MrzRead => {
    const { turned, box } = c;
    const uprightBox = flip ? { x: turned.width - (box.x + box.w), y: turned.height - (box.y + box.h), w: box.w, h: box.h } : box;
    return { ...parsed, rotation: (c.pose + flip + 360) % 360, box: clampBox(uprightBox, turned), uprightSize: { width: turned.width, height: turned.height }, engine };
  };
  const engine = opts.engines ?? 'both';
  const located: Located[] = [];
  // Upright or quarter-turned; then tilts, which break the locator's line blobs.
  const straight: Array<[number, number]> = [[0, 0], [90, 0]];
  const poses = opts.poses === 'straight' ? straight : opts.poses === 'tilted' ? await tiltedPoses(full) : [...straight, ...(await tiltedPoses(full))];
  for (const [quarter, tilt] of poses) {
    const turned = await rotateGray(full, quarter + tilt);
    // Small photos are scaled up too: the locator's kernels are sized for this width.
    const small = turned.width !== LOCATE_WIDTH ? await resizeGray(turned, LOCATE_WIDTH) : turned;
    const k = turned.width / small.width;
    for (const cand of locateMrz(small)) {
      const lineH = cand.lineHeight * k;
      const pad = lineH * 0.9;
      const c: Located = { turned, pose: quarter + tilt, lineH, lines: cand.lines, box: { x: cand.box.x * k - pad * 1.5, y: cand.box.y * k - pad, w: cand.box.w * k + pad * 3, h: cand.box.h * k + pad * 2 } };
      located.push(c);
      if (engine === 'tesseract') continue;
      for (const flip of [0, 180] as const) {
        const g = await readMrzGlyphs(turned, c.box, lineH, cand.lines, flip);
        if (!g) continue;
        const read = place(c, flip, g, 'glyphs');
        if (read.valid) return read;
        consider(read);
        if (g.confidence >= UPRIGHT_CONFIDENCE) break;
      }
    }
    // The MRZ was found at this pose, only some characters are in doubt: other poses won't help.
    if (best && score(best) >= -2) break;
  }
  if (engine !== 'glyphs') {
    let lastPose = NaN;
    const leadOf = new Map(located.map((c) => [c, leadFlip(c, opts.lead)]));
    const queue = [...located].sort((a, b) => Number(leadOf.get(b) !== undefined) - Number(leadOf.get(a) !== undefined));
    // The lead's first pass is made even once the deadline has passed: it is the one attempt
    // likeliest to settle the read, and a single pass bounds the overrun.
    let leadPending = leadOf.get(queue[0]!) !== undefined;
    for (const c of queue) {
      if (!timeLeft() && !leadPending) return best;
      // A near-valid read at one pose ends the search before trying the next pose.
      if (c.pose !== lastPose && best?.engine === 'tesseract' && score(best) >= -1) break;
      lastPose = c.pose;
      const firstFlip = leadOf.get(c) ?? 0;
      for (const flip of [firstFlip, 180 - firstFlip]) {
        if (!timeLeft() && !leadPending) break;
        const parsed = await readAtScales(c.turned, c.box, c.lineH, flip, leadPending ? Infinity : deadline);
        leadPending = false;
        if (!parsed) continue;
        const read = place(c, flip, parsed, 'tesseract');
        if (read.valid) return read;
        consider(read);
        if (score(read) >= -1) break;
      }
    }
  }
  if (best || engine === 'glyphs' || !timeLeft()) return best;
  // No line group found (busy background, odd layout): OCR the whole page once.
  const page = await cropPng(full, { x: 0, y: 0, w: full.width, h: full.height }, Math.min(1, 1400 / full.width));
  const parsed = bestOf(await ocrMrzText(page, PSM.AUTO));
  return parsed && { ...parsed, rotation: 0, uprightSize: { width: full.width, height: full.height }, engine: 'tesseract' };
}

function clampBox(b: Box, img: { width: number; height: number }): Box {
  const x = Math.max(0, b.x), y = Math.max(0, b.y);
  return { x: Math.round(x), y: Math.round(y), w: Math.round(Math.min(img.width - x, b.w)), h: Math.round(Math.min(img.height - y, b.h)) };
}
