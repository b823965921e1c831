import { withinEditDistance } from '../../domain/matching/edit-distance.ts';
import type { Ymd } from './aamva-parse.ts';
import { fmtYmd, validYmd } from './docupass-data.ts';
import { fitNumberFormat } from './eu-licence-countries.ts';
import { foldText, ID_LABELS, type IdCardCountry, type IdFieldKind, type LabelLang } from './id-card-countries.ts';
import { licenceDate } from './licence-fields.ts';
import { datesInText } from './visual-zone.ts';

/**
 * The labelled fields of an ID card front, found in OCR'd words by their labels: pure geometry
 * and text logic over tesseract's words (the OCR is in read-id-front.ts). A line is cut into
 * segments at wide gaps (two columns side by side); a segment mostly made of label words of the
 * card's languages is a label, and its value is the nearest segment below it in the same column
 * (or, for dates and numbers, what follows the label on its own line).
 */
export type Bbox = { x0: number; y0: number; x1: number; y1: number };
export type OcrWord = { text: string; confidence: number; bbox: Bbox };
export type OcrWordLine = { words: OcrWord[] };
export type Segment = { text: string; words: OcrWord[]; bbox: Bbox; confidence: number; line: number; label?: IdFieldKind };
export type LocatedField = { kind: IdFieldKind; value: string; confidence: number; bbox: Bbox; labelled: boolean };

const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1] ?? 0;
const union = (ws: OcrWord[]): Bbox => ({ x0: Math.min(...ws.map((w) => w.bbox.x0)), y0: Math.min(...ws.map((w) => w.bbox.y0)), x1: Math.max(...ws.map((w) => w.bbox.x1)), y1: Math.max(...ws.map((w) => w.bbox.y1)) });

/** Each line cut at gaps wider than 1.2 word heights: columns printed side by side come apart. */
export function segments(lines: OcrWordLine[]): Segment[] {
  const out: Segment[] = [];
  lines.forEach((line, li) => {
    const words = line.words.filter((w) => w.text.trim());
    if (!words.length) return;
    const h = median(words.map((w) => w.bbox.y1 - w.bbox.y0)) || 1;
    let run: OcrWord[] = [];
    const flush = () => {
      if (!run.length) return;
      out.push({ text: run.map((w) => w.text).join(' '), words: run, bbox: union(run), confidence: Math.min(...run.map((w) => w.confidence)), line: li });
      run = [];
    };
    for (const w of words) {
      if (run.length && w.bbox.x0 - run[run.length - 1]!.bbox.x1 > 1.2 * h) flush();
      run.push(w);
    }
    flush();
  });
  return out;
}

/** Letters of `text` covered by each kind's labels (one OCR slip per six letters tolerated). */
export function labelCoverage(text: string, langs: LabelLang[]): { kind?: IdFieldKind; share: number } {
  const words = foldText(text).split(' ').filter(Boolean);
  const letters = words.join('').length;
  if (!letters) return { share: 0 };
  const covered = new Array<IdFieldKind | undefined>(words.length).fill(undefined);
  const byKind = new Map<IdFieldKind, number>();
  const all = [...new Set<LabelLang>([...langs, 'en'])];
  const phrases = all.flatMap((l) => (Object.entries(ID_LABELS[l]) as Array<[IdFieldKind, string[]]>).flatMap(([k, ps]) => ps.map((p) => ({ k, p: p.split(' ') }))));
  // Longest phrases first, so DATE OF BIRTH claims its words before a shorter label could.
  phrases.sort((a, b) => b.p.join('').length - a.p.join('').length);
  for (const { k, p } of phrases) {
    const want = p.join('');
    for (let i = 0; i + p.length <= words.length; i++) {
      if (covered.slice(i, i + p.length).some(Boolean)) continue;
      const got = words.slice(i, i + p.length).join('');
      if (got === want || (want.length >= 6 && withinEditDistance(want, got, Math.floor(want.length / 6)))) {
        for (let j = i; j < i + p.length; j++) covered[j] = k;
        byKind.set(k, (byKind.get(k) ?? 0) + got.length);
      }
    }
  }
  const share = words.reduce((n, w, i) => n + (covered[i] ? w.length : 0), 0) / letters;
  const kind = [...byKind.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return { kind, share };
}

/** A segment counts as a label when label words make up at least this share of its letters. */
const LABEL_SHARE = 0.5;

/** Finds each kind's label and the value printed below it (or after it on the same line). */
export function locateFields(lines: OcrWordLine[], country: IdCardCountry | undefined): Partial<Record<IdFieldKind, LocatedField>> {
  const segs = segments(lines);
  const langs = country?.labelLangs ?? (['en', 'de', 'fr', 'es', 'it', 'nl', 'pl', 'pt'] as LabelLang[]);
  // Two labels run together on one line (columns printed close): cut where both halves are
  // labels of different kinds.
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    for (let k = 1; k < s.words.length; k++) {
      const a = labelCoverage(s.words.slice(0, k).map((w) => w.text).join(' '), langs), b = labelCoverage(s.words.slice(k).map((w) => w.text).join(' '), langs);
      if (a.kind && b.kind && a.kind !== b.kind && a.share >= LABEL_SHARE && b.share >= LABEL_SHARE) {
        const part = (ws: OcrWord[]): Segment => ({ ...s, words: ws, text: ws.map((w) => w.text).join(' '), bbox: union(ws), confidence: Math.min(...ws.map((w) => w.confidence)) });
        segs.splice(i, 1, part(s.words.slice(0, k)), part(s.words.slice(k)));
        break;
      }
    }
  }
  for (const s of segs) {
    const c = labelCoverage(s.text, langs);
    if (c.kind && c.share >= LABEL_SHARE) s.label = c.kind;
    // A bilingual label whose other language came out garbled ("NOM / Sutfname"): one part,
    // between the slashes, wholly a label, and no figures anywhere.
    else if (s.text.includes('/') && !/\d/.test(s.text)) {
      const whole = s.text.split('/').map((p) => labelCoverage(p, langs)).find((x) => x.kind && x.share === 1);
      if (whole) s.label = whole.kind;
    }
  }
  const out: Partial<Record<IdFieldKind, LocatedField>> = {};
  for (const label of segs) {
    const kind = label.label;
    if (!kind || out[kind]) continue;
    const h = label.bbox.y1 - label.bbox.y0;
    // The value: the nearest non-label segment below, starting in the label's column.
    const below = segs
      .filter((s) => !s.label && s.line > label.line && s.bbox.y0 > label.bbox.y0 + 0.5 * h && s.bbox.y0 - label.bbox.y1 < 3 * h)
      .filter((s) => s.bbox.x0 < label.bbox.x1 && s.bbox.x1 > label.bbox.x0 && Math.abs(s.bbox.x0 - label.bbox.x0) < 4 * h)
      .sort((a, b) => a.bbox.y0 - b.bbox.y0)[0];
    if (below) out[kind] = { kind, value: below.text, confidence: below.confidence, bbox: below.bbox, labelled: true };
  }
  // The number may be printed unlabelled (the German card's, top right): the one token of the
  // country's number format outside the labels.
  if (!out.number && country?.numberFormats) {
    for (const s of segs) {
      if (s.label) continue;
      // Its OCR may have gained or lost a character: a token within one of a format's length
      // is taken (the located re-read settles it, or leaves it doubtful).
      const lengths = country.numberFormats.map((f) => f.length);
      const w = s.words.find((x) => {
        const t = x.text.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
        return /\d.*\d/.test(t) && !/^\d{1,2}[.\-/]\d{1,2}[.\-/]\d{2,4}$/.test(x.text) && (!!fitNumberFormat(t, country.numberFormats) || lengths.some((n) => Math.abs(n - t.length) <= 1));
      });
      if (w) { out.number = { kind: 'number', value: w.text, confidence: w.confidence, bbox: w.bbox, labelled: false }; break; }
    }
  }
  return out;
}

/** A date in the country's order (numeric) or with a month name; births in the past. */
export function idDate(value: string, country: IdCardCountry | undefined, now: Date, kind: 'past' | 'future'): Ymd | undefined {
  for (const o of country ? [country.dateOrder] : (['DMY', 'YMD'] as const)) {
    const d = licenceDate(value, o, now, kind);
    if (d) return d;
  }
  const named = datesInText(value)[0];
  if (!named) return undefined;
  const [year, month, day] = named.split('/').map(Number) as [number, number, number];
  return validYmd(year, month, day);
}

/** The number as printed, separators dropped, look-alikes settled by the country's format where it fits. */
export function idNumber(value: string, country: IdCardCountry | undefined): { value: string; settled: boolean; fitsFormat: boolean } | undefined {
  const t = value.toUpperCase().split(/\s{2,}/)[0]!.replace(/[^A-Z0-9]/g, '');
  if (t.length < 5 || !/\d/.test(t)) return undefined;
  const fitted = fitNumberFormat(t, country?.numberFormats);
  if (fitted) return { value: fitted.value, settled: fitted.settled, fitsFormat: true };
  return { value: t, settled: false, fitsFormat: false };
}

/** Nationality printed as a code (FRA, D) or as the country's own word (DEUTSCH, NEDERLANDSE). */
export function idNationality(value: string, country: IdCardCountry | undefined, known: (code: string) => boolean): string | undefined {
  const words = foldText(value).split(' ').filter(Boolean);
  if (country && words.some((w) => country.nationalWords.some((n) => w === n || (n.length >= 6 && withinEditDistance(n, w, 1))))) return country.iso3;
  const code = words.find((w) => /^[A-Z]{3}$/.test(w) && known(w)) ?? (words.length === 1 && words[0] === 'D' ? 'D' : undefined);
  return code;
}

export const ymdString = (d: Ymd) => fmtYmd(d);
