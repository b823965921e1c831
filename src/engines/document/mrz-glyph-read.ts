import sharp from 'sharp';
import type { Box, GrayImage } from './image-normalise.ts';
import { classifyCell, classifyGlyph, MRZ_CLASSES } from './mrz-glyph-classify.ts';
import { GLYPH_LINE_PX, segmentMrz, type GlyphBlock } from './mrz-glyphs.ts';
import { layoutFor, nameSpans, numberMayOverflow, type MrzLayout, type Span } from './mrz-layout.ts';
import { isCountryProblem, knownCountry, parseMrz, type MrzParse } from './mrz-parse.ts';
import { decodeName } from './mrz-name-prior.ts';

export type GlyphRead = MrzParse & {
  /** Mean probability the classifier gave the chosen characters (0..1). */
  confidence: number;
  /** Weakest character's margin over its runner-up. */
  minMargin: number;
  /**
   * Per cell of the final lines: the classifier's log-probability of the character read minus
   * that of the likeliest other character the field allows (nats; negative where the name prior,
   * an alphabet rule or a check-digit repair chose a runner-up). Field confidence is built on it.
   */
  cellMargins: number[][];
};

const DIGIT = new Set([...'0123456789']);
const LETTER = new Set([...'ABCDEFGHIJKLMNOPQRSTUVWXYZ<']);
const NAME = LETTER;
const DIGIT_OR_FILLER = new Set([...'0123456789<']);
// Scores are log-probabilities from the classifier, so margins are in nats.
/** How much likelier a character outside a field's alphabet must be to be kept anyway. */
const OUTSIDE_ALPHABET_MARGIN = 4;
/** Mean probability of the chosen characters below which a block is not taken for an MRZ. */
const MIN_MRZ_CONFIDENCE = 0.55;
/** A read this sure of its characters is the right way up: no need to try it turned over. */
export const UPRIGHT_CONFIDENCE = 0.85;

/** Which characters each position may hold, from the ICAO layout (undefined = any). */
type Alphabet = { chars: Set<string>; strict: boolean };

/**
 * Which characters each position may hold, from the ICAO layout (undefined = any). Strict
 * alphabets always win; the others (dates, check digits) yield to a much likelier character,
 * since non-ICAO layouts (the French ID card) print letters where ICAO has dates.
 */
function alphabets(layout: MrzLayout): Array<Array<Alphabet | undefined>> {
  const a: Array<Array<Alphabet | undefined>> = Array.from({ length: layout.lines }, () => new Array(layout.length).fill(undefined));
  const set = ([l, s, e]: Span, chars: Set<string>, strict = true) => { for (let i = s; i < e; i++) a[l]![i] = { chars, strict }; };
  // The second code character is a letter, a filler or, on US cards ("C1"), a digit.
  const each = (spans: Array<Span | undefined>, chars: Set<string>, strict = true) => { for (const s of spans) if (s) set(s, chars, strict); };
  each([layout.issuer, layout.nationality], LETTER);
  each([layout.names, layout.givenNames], NAME);
  set(layout.sex, new Set(['M', 'F', 'X', '<']));
  // Check digits too yield to a far likelier letter: malformed cards print one there, and a
  // reader must report what is printed (the check then fails) rather than invent a digit.
  each([layout.birth, layout.expiry, layout.issued, layout.birthCheck, layout.expiryCheck, layout.composite?.check], DIGIT, false);
  each([layout.documentNumberCheck, layout.personal?.check], DIGIT_OR_FILLER, false);
  // ICAO 9303 document codes start with A, C, I, P or V; passports with P, visas with V.
  set([layout.documentCode[0], layout.documentCode[1], layout.documentCode[1] + 1], new Set(layout.documentCodeFirst));
  // The layout was recognised by these characters (look-alikes allowed): they can be nothing else.
  [...(layout.fixedPrefix ?? '')].forEach((c, i) => set([0, i, i + 1], new Set([c])));
  return a;
}

type Scored = { scores: Float32Array[][]; lines: string[]; chosen: number[][] };

function decode(block: GlyphBlock): Scored | undefined {
  const scores = block.lines.map((l) => l.features.map((f, i) => classifyCell([f, ...l.shifted[i]!])));
  const top = (s: Float32Array, allowed?: Set<string>) => {
    let bi = -1;
    for (let c = 0; c < s.length; c++) if ((!allowed || allowed.has(MRZ_CLASSES[c]!)) && (bi < 0 || s[c]! > s[bi]!)) bi = c;
    return bi;
  };
  const free = scores.map((row) => row.map((s) => MRZ_CLASSES[top(s)]!).join(''));
  const layout = layoutFor(block.lines.length, block.length, free[0]!.slice(0, 5));
  const alpha = layout ? alphabets(layout) : undefined;
  const chosen = scores.map((row, li) =>
    row.map((s, ci) => {
      const any = top(s);
      const allowed = alpha?.[li]![ci];
      if (!allowed) return any;
      const inside = top(s, allowed.chars);
      return !allowed.strict && s[any]! - s[inside]! > OUTSIDE_ALPHABET_MARGIN ? any : inside;
    }),
  );
  if (layout) for (const [l, st, en] of nameSpans(layout)) {
    decodeName(scores[l]!.slice(st, en), nameClass).forEach((c, k) => { chosen[l]![st + k] = c; });
  }
  preferDigitsAmongDigits(scores, chosen, alpha);
  if (layout) for (const span of [layout.issuer, layout.nationality]) if (span) likeliestCountry(scores, chosen, span);
  return { scores, chosen, lines: chosen.map((row) => row.map((c) => MRZ_CLASSES[c]!).join('')) };
}

/** Name prior symbol (0..25 = A..Z, 26 = `<`) to classifier class. */
const nameClass = (symbol: number) => (symbol === 26 ? MRZ_CLASSES.length - 1 : 10 + symbol);

const LOOKALIKE_DIGIT: Record<string, string> = { O: '0', D: '0', Q: '0', I: '1', B: '8', S: '5', Z: '2' };
/** How close a look-alike digit must score for the digit to win among digits. */
const DIGIT_CONTEXT_MARGIN = 3;

/**
 * Numbers in free fields (document numbers, personal numbers) are mostly digits, and OCR-B's
 * O and 0 differ only in width: a letter that is nearly as much its look-alike digit, next to
 * digits, is read as the digit. The check-digit repair can still swap it back.
 */
function preferDigitsAmongDigits(scores: Float32Array[][], chosen: number[][], alpha?: Array<Array<Alphabet | undefined>>) {
  const isDigit = (c: number | undefined) => c !== undefined && c < 10;
  for (let pass = 0; pass < 2; pass++) {
    chosen.forEach((row, l) => row.forEach((c, i) => {
      if (alpha && alpha[l]![i]) return;
      const d = LOOKALIKE_DIGIT[MRZ_CLASSES[c]!];
      if (d === undefined) return;
      const dc = MRZ_CLASSES.indexOf(d);
      const s = scores[l]![i]!;
      if (s[c]! - s[dc]! > DIGIT_CONTEXT_MARGIN) return;
      const near = [row[i - 1], row[i + 1], row[i - 2], row[i + 2]].filter((x) => x !== undefined && MRZ_CLASSES[x] !== '<');
      // A run of O/0 look-alikes counts as digits: "AA00000000" has no other context.
      const digitish = (x: number) => isDigit(x) || LOOKALIKE_DIGIT[MRZ_CLASSES[x]!] === '0';
      if (near.length && near.filter(digitish).length * 2 >= near.length) row[i] = dc;
    }));
  }
}

/** Codes no check digit covers: an unknown code yields to the likeliest known one nearby. */
const COUNTRY_WINDOW = 8;
function likeliestCountry(scores: Float32Array[][], chosen: number[][], [l, st, en]: Span) {
  const code = (cs: number[]) => cs.map((c) => MRZ_CLASSES[c]!).join('').replace(/<+$/, '');
  const cur = chosen[l]!.slice(st, en);
  // An empty code (fillers only, as on US border-crossing cards) is printed that way on purpose.
  if (knownCountry(code(cur)) || !code(cur)) return;
  // Beam over the three cells' letter alternatives, best total log-probability first.
  let beams: Array<{ cs: number[]; s: number }> = [{ cs: [], s: 0 }];
  for (let i = st; i < en; i++) {
    const s = scores[l]![i]!;
    const opts = [...MRZ_CLASSES].map((ch, c) => ({ c, v: s[c]! })).filter((o) => /[A-Z<]/.test(MRZ_CLASSES[o.c]!)).sort((a, b) => b.v - a.v).slice(0, 4);
    beams = beams.flatMap((b) => opts.map((o) => ({ cs: [...b.cs, o.c], s: b.s + o.v }))).sort((a, b) => b.s - a.s).slice(0, 40);
  }
  const curScore = cur.reduce((sum, c, k) => sum + scores[l]![st + k]![c]!, 0);
  const found = beams.find((b) => knownCountry(code(b.cs)) && /^[A-Z]+<*$/.test(b.cs.map((c) => MRZ_CLASSES[c]).join('')));
  if (found && curScore - found.s < COUNTRY_WINDOW) for (let k = 0; k < found.cs.length; k++) chosen[l]![st + k] = found.cs[k]!;
}

const rank = (p: MrzParse) => Object.values(p.checkDigits).filter(Boolean).length + (p.nameValid ? 1 : 0) - 2 * p.structureProblems.filter((x) => !isCountryProblem(x)).length;

/**
 * When a check digit fails, tries the runner-up characters that scored nearly as well (one,
 * then two at a time, cheapest first) and keeps a change only if it makes more checks agree.
 */
/** The check digits that cover each cell (a check digit covers itself too). */
function coveringChecks(layout: MrzLayout): Map<string, string[]> {
  const m = new Map<string, string[]>();
  const add = (k: string, spans: Span[]) => { for (const [l, st, en] of spans) for (let i = st; i < en; i++) m.set(`${l}:${i}`, [...(m.get(`${l}:${i}`) ?? []), k]); };
  add('documentNumber', [layout.documentNumber, layout.documentNumberCheck, ...(numberMayOverflow(layout) ? layout.optional : [])]);
  add('birth', [layout.birth, layout.birthCheck]);
  if (layout.expiry && layout.expiryCheck) add('expiry', [layout.expiry, layout.expiryCheck]);
  if (layout.personal) add('personal', [layout.personal.field, layout.personal.check]);
  if (layout.composite) add('composite', [layout.composite.check, ...layout.composite.covers]);
  return m;
}

/** Runner-up characters nearly as likely as the chosen one (log-probability loss, nats). */
const SINGLE_SWAP_LOSS = 3;
const PAIR_SWAP_LOSS = 2;

/**
 * When a check digit fails, tries the runner-up characters the classifier nearly chose (one,
 * then two at a time, cheapest first). A swap is kept only if every check digit covering the
 * changed cells then agrees: a check digit agrees with a random swap one time in ten, so a
 * swap that satisfies one check while another covering check still fails proves nothing.
 * A document that prints a bad check digit therefore stays invalid unless a near-tie fixes it.
 */
function repairWithAlternatives(d: Scored, first: MrzParse): MrzParse {
  if (first.valid) return first;
  const layout = layoutFor(first.lines.length, first.lines[0]!.length, first.lines[0]!.slice(0, 5));
  if (!layout) return first;
  const covering = coveringChecks(layout);
  const failing = (k: string) => first.checkDigits[k] === false;
  const alts: Array<{ l: number; i: number; c: string; loss: number; checks: string[] }> = [];
  d.scores.forEach((row, l) =>
    row.forEach((s, i) => {
      const checks = covering.get(`${l}:${i}`) ?? [];
      if (!checks.some(failing)) return;
      const cur = d.chosen[l]![i]!;
      for (let c = 0; c < s.length; c++) {
        const loss = s[cur]! - s[c]!;
        if (c !== cur && loss < SINGLE_SWAP_LOSS) alts.push({ l, i, c: MRZ_CLASSES[c]!, loss, checks });
      }
    }),
  );
  alts.sort((a, b) => a.loss - b.loss);
  const cand = alts.slice(0, 16);
  let best = first, bestRank = rank(first), bestLoss = Infinity;
  const tryLines = (changes: typeof cand, loss: number) => {
    const lines = d.lines.map((x) => x.split(''));
    for (const ch of changes) lines[ch.l]![ch.i] = ch.c;
    const p = parseMrz(lines.map((x) => x.join('')), { repair: false });
    if (!p || !changes.every((ch) => ch.checks.every((k) => p.checkDigits[k] !== false))) return;
    const r = rank(p);
    if (r > bestRank || (r === bestRank && r > rank(first) && loss < bestLoss)) { best = p; bestRank = r; bestLoss = loss; }
  };
  for (const a of cand) tryLines([a], a.loss);
  if (!best.valid) {
    const pairable = cand.filter((a) => a.loss < PAIR_SWAP_LOSS);
    for (let x = 0; x < pairable.length; x++) for (let y = x + 1; y < pairable.length; y++) {
      if (pairable[x]!.l === pairable[y]!.l && pairable[x]!.i === pairable[y]!.i) continue;
      tryLines([pairable[x]!, pairable[y]!], pairable[x]!.loss + pairable[y]!.loss);
    }
  }
  return best;
}

/**
 * Reads an MRZ located at `box` (upright image, `lineHeight` in its pixels) with the OCR-B
 * prototype classifier: milliseconds, where the OCR engine takes seconds. Undefined when the
 * region does not segment into MRZ lines.
 */
export async function readMrzGlyphs(img: GrayImage, box: Box, lineHeight: number, lineCount: number, flip: 0 | 180): Promise<GlyphRead | undefined> {
  const lengths = lineCount === 3 ? [30] : [44, 36];
  let best: GlyphRead | undefined;
  // A line's plausibility: how sure the classifier is of its characters (mean best log-prob).
  const plausibility = (features: Float32Array[]) => features.reduce((sum, f) => sum + Math.max(...classifyGlyph(f)), 0) / features.length;
  // The locator's line height is only an estimate (tilted lines merge into taller blobs): when
  // the crop does not cut into lines at that scale, it is tried at twice and at 0.6 times it.
  let blocks: GlyphBlock[] = [];
  for (const factor of [1, 2, 0.6]) {
    blocks = segmentMrz(await cropScaled(img, box, (factor * GLYPH_LINE_PX * 0.85) / lineHeight, flip), lineCount, lengths, plausibility);
    if (blocks.length) break;
  }
  for (const block of blocks) {
    const d = decode(block);
    if (!d) continue;
    let conf = 0, n = 0, minMargin = Infinity;
    d.scores.forEach((row, l) => row.forEach((s, i) => {
      const c = d.chosen[l]![i]!;
      conf += Math.exp(s[c]!); n++;
      let second = -1;
      for (let k = 0; k < s.length; k++) if (k !== c && s[k]! > second) second = s[k]!;
      minMargin = Math.min(minMargin, s[c]! - second);
    }));
    // Other text, or an MRZ upside down, does not look like OCR-B cells: not worth repairing.
    if (conf / n < MIN_MRZ_CONFIDENCE) continue;
    const p = parseMrz(d.lines, { repair: false });
    if (!p) continue;
    const repaired = repairWithAlternatives(d, p);
    const read: GlyphRead = { ...repaired, confidence: conf / n, minMargin, cellMargins: marginsOf(d.scores, repaired.lines) };
    if (!best || rank(read) > rank(best) || (rank(read) === rank(best) && read.confidence > best.confidence)) best = read;
  }
  return best;
}

/** Each cell's margin (nats) of the character read over the likeliest other one its field allows. */
function marginsOf(scores: Float32Array[][], lines: string[]): number[][] {
  const layout = layoutFor(lines.length, lines[0]?.length ?? 0, lines[0]?.slice(0, 5) ?? '');
  const alpha = layout ? alphabets(layout) : undefined;
  return lines.map((line, l) => [...line].map((ch, i) => {
    const s = scores[l]?.[i];
    const c = MRZ_CLASSES.indexOf(ch);
    if (!s || c < 0) return 0;
    const allowed = alpha?.[l]![i];
    let other = -Infinity;
    for (let k = 0; k < s.length; k++) if (k !== c && (!allowed?.strict || allowed.chars.has(MRZ_CLASSES[k]!)) && s[k]! > other) other = s[k]!;
    return s[c]! - other;
  }));
}

export async function cropScaled(img: GrayImage, box: Box, scale: number, flip: number): Promise<GrayImage> {
  const x = Math.max(0, Math.round(box.x)), y = Math.max(0, Math.round(box.y));
  const w = Math.min(img.width - x, Math.round(box.w)), h = Math.min(img.height - y, Math.round(box.h));
  let s = sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } }).extract({ left: x, top: y, width: w, height: h });
  s = s.resize({ width: Math.max(1, Math.round(w * scale)), kernel: scale > 1 ? 'cubic' : 'lanczos3' });
  if (flip) s = s.rotate(180);
  const { data, info } = await s.grayscale().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}
