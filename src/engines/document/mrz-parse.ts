import { checkAgrees } from './mrz-check-digit.ts';
import { countryFromIcao } from './country-names.ts';
import { cut, layoutFor, nameSpans, numberMayOverflow, type MrzFormat, type MrzLayout, type Span } from './mrz-layout.ts';

export type MrzFields = {
  documentCode: string;
  issuer: string;
  surname: string;
  givenNames: string;
  documentNumber: string;
  nationality: string;
  /** YYMMDD as printed. */
  birth: string;
  sex: string;
  /** YYMMDD as printed; empty where the format carries no expiry (the French card). */
  expiry: string;
  /** Issue YYMM, where the format encodes it (the French card's number starts with it). */
  issued?: string;
  personalNumber: string;
  optional: string[];
};

export type MrzParse = {
  format: MrzFormat;
  lines: string[];
  fields: MrzFields;
  checkDigits: Record<string, boolean>;
  /** Check digits do not cover names, so they are validated on their own. */
  nameValid: boolean;
  /** Parts no check digit covers that must still make sense: codes, dates, sex. */
  structureProblems: string[];
  valid: boolean;
  /** Characters changed by the repair, as `line:col A→B`. */
  repairs: string[];
};

// Confusions OCR-B invites; used one way in digit-only fields, the other in letter-only fields.
const TO_DIGIT: Record<string, string> = { O: '0', Q: '0', D: '0', U: '0', I: '1', L: '1', T: '7', Z: '2', S: '5', B: '8', G: '6', A: '4' };
const TO_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '8': 'B', '6': 'G', '4': 'A', '7': 'T' };
const SWAP: Record<string, string[]> = {
  O: ['0'], '0': ['O', 'D'], D: ['0'], Q: ['0'], I: ['1'], '1': ['I'], B: ['8'], '8': ['B'], S: ['5'], '5': ['S'], Z: ['2'], '2': ['Z'], K: ['<'], '<': ['K'], G: ['6'], '6': ['G'],
  N: ['W', 'M'], W: ['N', 'H'], H: ['W', 'M'], M: ['H', 'N'], '3': ['S'],
};

type Grid = string[][];

const get = (g: Grid, [l, s, e]: Span) => g[l]!.slice(s, e).join('');
const put = (g: Grid, [l, s]: Span, v: string) => {
  for (let i = 0; i < v.length; i++) g[l]![s + i] = v[i]!;
};

function mapSpan(g: Grid, span: Span, table: Record<string, string>, repairs: string[]) {
  const [l, s, e] = span;
  for (let i = s; i < e; i++) {
    const c = g[l]![i]!;
    const to = table[c];
    if (to !== undefined) {
      g[l]![i] = to;
      repairs.push(`${l}:${i} ${c}→${to}`);
    }
  }
}

/** `K` standing alone inside a run of fillers is a misread `<` (check digits cannot tell). */
function fixFillerK(g: Grid, span: Span, repairs: string[]) {
  const [l, s, e] = span;
  const row = g[l]!;
  for (let i = s; i < e; i++) {
    if (row[i] !== 'K' && row[i] !== 'X' && row[i] !== 'C') continue;
    const left = i === s || row[i - 1] === '<';
    const right = i === e - 1 || row[i + 1] === '<';
    const leftLeft = i <= s + 1 || row[i - 2] === '<';
    if (left && right && leftLeft && i > s) {
      repairs.push(`${l}:${i} ${row[i]}→<`);
      row[i] = '<';
    }
  }
}

/**
 * Tries swaps of look-alike characters in `spans` (fewest changes first) until `ok` holds.
 * Several swaps may satisfy a check digit, so each candidate is ranked by plausibility: a digit
 * among digits or a letter among letters beats a swap against its neighbours. Keeps the
 * original when nothing agrees, so a document that prints a bad check digit stays invalid.
 */
function repairToAgree(g: Grid, spans: Span[], ok: () => boolean, repairs: string[], maxChanges = 2): boolean {
  if (ok()) return true;
  const positions: Array<[number, number]> = [];
  for (const [l, s, e] of spans) for (let i = s; i < e; i++) if (SWAP[g[l]![i]!]) positions.push([l, i]);
  if (positions.length > 24) return false;
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  const isLetter = (c: string | undefined) => c !== undefined && c >= 'A' && c <= 'Z';
  const oddness = (l: number, i: number, c: string) => {
    const row = g[l]!;
    const near = [row[i - 1], row[i + 1]].filter((x) => x !== undefined && x !== '<');
    if (!near.length) return 0;
    return near.filter((x) => (isDigit(c) ? !isDigit(x) : isLetter(c) ? !isLetter(x) : true)).length / near.length;
  };
  type Cand = { changes: Array<[number, number, string, string]>; cost: number };
  for (let n = 1; n <= maxChanges; n++) {
    const found: Cand[] = [];
    const walk = (start: number, left: number, changes: Array<[number, number, string, string]>) => {
      if (left === 0) {
        if (ok()) found.push({ changes: [...changes], cost: changes.reduce((c, [l, i, , to]) => c + oddness(l, i, to), 0) });
        return;
      }
      for (let p = start; p < positions.length; p++) {
        const [l, i] = positions[p]!;
        const orig = g[l]![i]!;
        for (const alt of SWAP[orig]!) {
          g[l]![i] = alt;
          walk(p + 1, left - 1, [...changes, [l, i, orig, alt]]);
        }
        g[l]![i] = orig;
      }
    };
    walk(0, n, []);
    if (found.length) {
      const best = found.sort((a, b) => a.cost - b.cost)[0]!;
      for (const [l, i, from, to] of best.changes) {
        g[l]![i] = to;
        repairs.push(`${l}:${i} ${from}→${to}`);
      }
      return true;
    }
  }
  return false;
}

/** ICAO codes outside ISO 3166: specimens, organisations, stateless and refugee holders. */
const ICAO_SPECIAL = new Set(['D', 'UTO', 'GBD', 'GBN', 'GBO', 'GBP', 'GBS', 'XBA', 'XCO', 'XEC', 'XDC', 'XXA', 'XXB', 'XXC', 'XXX', 'UNO', 'UNA', 'UNK', 'EUE', 'XOM', 'XCC', 'XPO', 'XES', 'XMP', 'XIM', 'RKS', 'ZIM']);
const COUNTRY_SWAP: Record<string, string[]> = { O: ['D', 'Q'], D: ['O'], Q: ['O'], I: ['L', 'T'], L: ['I'], T: ['I'], U: ['V'], V: ['U'], H: ['W', 'M', 'N'], M: ['H', 'N'], N: ['W', 'M', 'H'], W: ['N', 'H'], S: ['B'], E: ['F'], F: ['E'], C: ['G'], G: ['C'], B: ['R'], R: ['B'] };
export const knownCountry = (c: string) => ICAO_SPECIAL.has(c) || countryFromIcao(c) !== undefined;
/**
 * An unknown or blank country code is how some documents are printed (specimen states such as
 * UTO or ASU, US border cards): it lowers a read's rank but is no misread and no invalid MRZ.
 */
export const isCountryProblem = (problem: string) => problem === 'issuer' || problem === 'nationality';

/** Check digits do not cover country codes; a code that is no state is read again with look-alikes. */
function fixCountry(g: Grid, span: Span, repairs: string[]) {
  const code = get(g, span).replace(/</g, '');
  if (!code || knownCountry(code)) return;
  const [l, s] = span;
  for (let i = 0; i < code.length; i++) {
    for (const alt of COUNTRY_SWAP[code[i]!] ?? []) {
      const cand = code.slice(0, i) + alt + code.slice(i + 1);
      if (knownCountry(cand)) {
        repairs.push(`${l}:${s + i} ${code[i]}→${alt}`);
        g[l]![s + i] = alt;
        return;
      }
    }
  }
}

function validYymmdd(s: string): boolean {
  if (!/^\d{6}$/.test(s)) return false;
  const m = +s.slice(2, 4), d = +s.slice(4, 6);
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

const NAME_RE = /^([A-Z]+(<[A-Z]+)*)?(<<[A-Z]+(<[A-Z]+)*)?<*$/;
/** One name field on its own (the French card's surname or given names): words split by `<` or `<<`. */
const OWN_FIELD_NAME_RE = /^([A-Z]+(<{1,2}[A-Z]+)*)?<*$/;
const ownFieldName = (raw: string) => raw.replace(/<+/g, ' ').trim();

function splitNames(raw: string): { surname: string; givenNames: string } {
  const trimmed = raw.replace(/<+$/, '');
  const at = trimmed.indexOf('<<');
  const surname = (at < 0 ? trimmed : trimmed.slice(0, at)).replace(/</g, ' ').trim();
  const givenNames = at < 0 ? '' : trimmed.slice(at + 2).replace(/<+/g, ' ').trim();
  return { surname, givenNames };
}

/** Long document numbers overflow into the optional field; the check digit then ends the overflow. */
function documentNumberParts(g: Grid, layout: MrzLayout): { number: string; field: string; check: string; overflow?: Span } {
  const field = get(g, layout.documentNumber);
  const check = get(g, layout.documentNumberCheck);
  const opt = layout.optional[0]!;
  if (check === '<' && numberMayOverflow(layout)) {
    const optText = get(g, opt);
    const end = optText.indexOf('<');
    const ext = end < 0 ? optText : optText.slice(0, end);
    if (ext.length >= 2) {
      return { number: (field + ext.slice(0, -1)).replace(/</g, ''), field: field + '<' + ext.slice(0, -1), check: ext.slice(-1), overflow: [opt[0], opt[1], opt[1] + ext.length] };
    }
  }
  return { number: field.replace(/</g, ''), field, check };
}

const present = (spans: Array<Span | undefined>): Span[] => spans.filter((s): s is Span => s !== undefined);

/** The layout was recognised by its fixed characters, look-alikes allowed: they are what it fixes. */
function putFixedPrefix(g: Grid, prefix: string, repairs: string[]) {
  for (let i = 0; i < prefix.length; i++) {
    if (g[0]![i] === prefix[i]) continue;
    repairs.push(`0:${i} ${g[0]![i]}→${prefix[i]}`);
    g[0]![i] = prefix[i]!;
  }
}

function blindRepairs(g: Grid, layout: MrzLayout, repairs: string[]) {
  if (layout.fixedPrefix) putFixedPrefix(g, layout.fixedPrefix, repairs);
  for (const span of present([layout.documentCode, layout.issuer, layout.nationality, ...nameSpans(layout)])) mapSpan(g, span, TO_LETTER, repairs);
  const digitSpans: Span[] = present([layout.birth, layout.birthCheck, layout.expiry, layout.expiryCheck, layout.documentNumberCheck, layout.issued]);
  if (layout.composite) digitSpans.push(layout.composite.check);
  if (layout.personal) digitSpans.push(layout.personal.check);
  for (const span of digitSpans) mapSpan(g, span, TO_DIGIT, repairs);
  for (const span of nameSpans(layout)) fixFillerK(g, span, repairs);
  for (const span of layout.optional) fixFillerK(g, span, repairs);
  for (const span of present([layout.issuer, layout.nationality])) fixCountry(g, span, repairs);
  const sexChar = get(g, layout.sex);
  if (!/[MFX<]/.test(sexChar)) {
    const fixed = sexChar === 'H' ? 'M' : sexChar === 'P' || sexChar === 'E' ? 'F' : sexChar === 'K' ? '<' : sexChar;
    put(g, layout.sex, fixed);
  }
}

/**
 * Normalises OCR'd MRZ lines, repairs look-alikes where check digits then agree, and reads the
 * fields. `repair: false` takes the characters as given: for readers that make their own,
 * better-informed repairs (the glyph reader knows each cell's runner-up and its odds).
 */
export function parseMrz(input: readonly string[], opts: { repair?: boolean } = {}): MrzParse | undefined {
  const repair = opts.repair ?? true;
  const clean = input.map((l) => l.toUpperCase().replace(/\s+/g, '').replace(/[^A-Z0-9<]/g, '<'));
  const layout = layoutFor(clean.length, clean[0]?.length ?? 0, clean[0]?.slice(0, 5) ?? '');
  if (!layout || clean.some((l) => l.length !== layout.length)) return undefined;
  const g: Grid = clean.map((l) => l.split(''));
  const repairs: string[] = [];

  // Fields that can only hold letters (or fillers) and fields that can only hold digits.
  if (repair) blindRepairs(g, layout, repairs);

  const checks: Record<string, () => boolean> = {};
  checks.documentNumber = () => {
    const d = documentNumberParts(g, layout);
    return (numberMayOverflow(layout) && checkAgrees(d.field.replace(/^(.{9})<(.*)$/, '$1$2'), d.check)) || checkAgrees(d.field, d.check);
  };
  checks.birth = () => checkAgrees(get(g, layout.birth), get(g, layout.birthCheck));
  const { expiry, expiryCheck } = layout;
  if (expiry && expiryCheck) checks.expiry = () => checkAgrees(get(g, expiry), get(g, expiryCheck));
  if (layout.personal) {
    const p = layout.personal;
    checks.personal = () => checkAgrees(get(g, p.field), get(g, p.check), true);
  }
  if (layout.composite) {
    const c = layout.composite;
    checks.composite = () => checkAgrees(c.covers.map((s) => get(g, s)).join(''), get(g, c.check));
  }

  const docSpans = (): Span[] => {
    const d = documentNumberParts(g, layout);
    return [layout.documentNumber, layout.documentNumberCheck, ...(d.overflow ? [d.overflow] : [])];
  };
  // A repair must also satisfy the composite check where there is one; without it, two swaps
  // could make a misprinted number "agree" by chance, so visas get a single swap at most.
  const withComposite = (f: () => boolean) => () => f() && (!checks.composite || checks.composite());
  const maxSwaps = checks.composite ? 2 : 1;
  if (repair) {
    repairToAgree(g, docSpans(), withComposite(checks.documentNumber), repairs, maxSwaps);
    if (layout.personal) repairToAgree(g, [layout.personal.field, layout.personal.check], withComposite(checks.personal!), repairs, maxSwaps);
    // The French card's optional field is its administrative code, where a look-alike swap is
    // no more likely than a misprinted final check digit: only ICAO optional data is repaired.
    const compositeRepairable = [layout.composite?.check, ...(numberMayOverflow(layout) ? layout.optional : [])].filter((s) => s !== undefined);
    if (checks.composite) repairToAgree(g, compositeRepairable, checks.composite, repairs, 1);
  }

  const checkDigits: Record<string, boolean> = {};
  for (const [k, f] of Object.entries(checks)) checkDigits[k] = f();
  const lines = g.map((r) => r.join(''));
  const namesRaw = cut(lines, layout.names);
  const givenRaw = layout.givenNames && cut(lines, layout.givenNames);
  const { surname, givenNames } = givenRaw === undefined ? splitNames(namesRaw) : { surname: ownFieldName(namesRaw), givenNames: ownFieldName(givenRaw) };
  const nameValid = givenRaw === undefined
    ? NAME_RE.test(namesRaw) && /[A-Z]/.test(namesRaw)
    : OWN_FIELD_NAME_RE.test(namesRaw) && OWN_FIELD_NAME_RE.test(givenRaw) && /[A-Z]/.test(namesRaw);
  const doc = documentNumberParts(g, layout);
  const optional = layout.optional.map((s) => cut(lines, s));
  let personalNumber = '';
  if (layout.personal) personalNumber = cut(lines, layout.personal.field).replace(/<+$/, '').replace(/</g, ' ').trim();
  else if (layout.format === 'TD1') {
    const first = doc.overflow ? optional[0]!.slice(doc.overflow[2] - doc.overflow[1]) : optional[0]!;
    personalNumber = (first.replace(/</g, '') || optional[1]!.replace(/</g, ''));
  } else if (layout.format === 'TD2') personalNumber = optional[0]!.replace(/</g, '');
  const fields: MrzFields = {
    documentCode: cut(lines, layout.documentCode).replace(/</g, ''),
    issuer: cut(lines, layout.issuer).replace(/</g, ''),
    surname,
    givenNames,
    documentNumber: doc.number,
    nationality: layout.nationality ? cut(lines, layout.nationality).replace(/</g, '') : layout.impliedNationality ?? '',
    birth: cut(lines, layout.birth),
    sex: cut(lines, layout.sex),
    expiry: layout.expiry ? cut(lines, layout.expiry) : '',
    ...(layout.issued && { issued: cut(lines, layout.issued) }),
    personalNumber,
    optional,
  };
  const structureProblems: string[] = [];
  if (!layout.documentCodeFirst.includes(fields.documentCode[0] || '-') || (layout.fixedPrefix && !lines[0]!.startsWith(layout.fixedPrefix))) structureProblems.push('documentCode');
  if (!knownCountry(fields.issuer)) structureProblems.push('issuer');
  if (!knownCountry(fields.nationality)) structureProblems.push('nationality');
  if (!validYymmdd(fields.birth)) structureProblems.push('birth');
  if (layout.expiry && !validYymmdd(fields.expiry)) structureProblems.push('expiry');
  if (fields.issued !== undefined && !validYymmdd(`${fields.issued}01`)) structureProblems.push('issued');
  if (!/^[MFX<]$/.test(fields.sex)) structureProblems.push('sex');
  const valid = Object.values(checkDigits).every(Boolean) && nameValid && structureProblems.every(isCountryProblem);
  return { format: layout.format, lines, fields, checkDigits, nameValid, structureProblems, valid, repairs };
}
