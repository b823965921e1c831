import { AAMVA_ELEMENT_IDS } from './aamva-elements.ts';
import { jurisdictionOf, type Jurisdiction } from './aamva-jurisdictions.ts';

export type Ymd = { year: number; month: number; day: number };

export type AamvaRecord = {
  iin: string;
  version: number;
  jurisdictionVersion?: number;
  subfile: 'DL' | 'ID';
  /** Every element as printed (trimmed), by element ID. */
  elements: Record<string, string>;
  jurisdiction?: Jurisdiction;
  country: 'US' | 'CA';
  lastName?: string;
  firstName?: string;
  middleName?: string;
  suffix?: string;
  /** Names the issuer shortened to fit (DDE/DDF/DDG = T). */
  truncated: { lastName: boolean; firstName: boolean; middleName: boolean };
  documentNumber?: string;
  documentDiscriminator?: string;
  sex?: 'M' | 'F' | 'X';
  dob?: Ymd;
  expiry?: Ymd;
  issued?: Ymd;
  heightCm?: number;
  weightKg?: number;
  street?: string;
  city?: string;
  state?: string;
  postcode?: string;
};

export class AamvaError extends Error {}

const SEPARATORS = /[\n\r\x1e|]+/;

/** Splits a run of elements whose separators were lost, at each known element ID. */
function splitRun(run: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 3; i <= run.length - 3; i++) {
    if (AAMVA_ELEMENT_IDS.has(run.slice(i, i + 3))) {
      // "3RDDAG…": a value ending in D before the next ID; the later ID is the real one.
      if (AAMVA_ELEMENT_IDS.has(run.slice(i + 1, i + 4))) i++;
      out.push(run.slice(start, i));
      start = i;
      i += 2;
    }
  }
  out.push(run.slice(start));
  return out;
}

function readElements(body: string): Record<string, string> {
  const elements: Record<string, string> = {};
  const chunks = body.split(SEPARATORS);
  // Only payloads that lost their separators are split at IDs (a value like DALE holds "DAL").
  const separated = chunks.length > 5;
  for (const chunk of chunks) {
    // A jurisdiction subfile (ZV, ZF…) ends the standard elements.
    const zAt = chunk.search(/Z([A-Z])Z\1[A-Z]/);
    const standard = zAt >= 0 ? chunk.slice(0, zAt) : chunk;
    for (const el of separated ? [standard] : splitRun(standard)) {
      const id = el.slice(0, 3);
      if (AAMVA_ELEMENT_IDS.has(id) && !(id in elements)) elements[id] = el.slice(3).trim();
    }
    if (zAt >= 0) break;
  }
  return elements;
}

function ymd(year: number, month: number, day: number): Ymd | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? { year, month, day } : undefined;
}

/** US cards from version 2 on write MMDDCCYY; version 1 and Canada write CCYYMMDD. */
function parseDate(v: string | undefined, yearFirst: boolean): Ymd | undefined {
  const s = v?.replace(/\D/g, '');
  if (!s || s.length !== 8) return undefined;
  const a = ymd(+s.slice(0, 4), +s.slice(4, 6), +s.slice(6, 8));
  const b = ymd(+s.slice(4, 8), +s.slice(0, 2), +s.slice(2, 4));
  return yearFirst ? (a ?? b) : (b ?? a);
}

function parseHeight(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const m = /^(\d{2,3})\s*(IN|CM)?$/i.exec(v.trim());
  if (!m) return undefined;
  const n = +m[1]!;
  if (m[2]?.toUpperCase() === 'CM') return n;
  if (m[2]?.toUpperCase() === 'IN') return Math.round(n * 2.54);
  // Version 1 wrote feet and inches as FII.
  if (m[1]!.length === 3 && n < 900 && +m[1]!.slice(1) < 12) return Math.round((+m[1]![0]! * 12 + +m[1]!.slice(1)) * 2.54);
  return undefined;
}

const clean = (s: string | undefined) => {
  const t = s?.replace(/,+$/, '').replace(/\s+/g, ' ').trim();
  return t && t !== 'NONE' && t !== 'unavl' ? t : undefined;
};

/** Parses a decoded AAMVA PDF417 payload (versions 1–10, US and Canada). */
export function parseAamva(raw: string): AamvaRecord {
  const text = raw.replace(/^\uFEFF/, '');
  const h = /(ANSI ?|AAMVA|AMVA ?)(\d{6})(\d{2})/.exec(text);
  if (!h) throw new AamvaError('no AAMVA header (ANSI/AAMVA + issuer number)');
  const iin = h[2]!;
  const version = +h[3]!;
  const afterHeader = h.index + h[0].length;
  const jurisdictionVersion = version >= 2 ? +text.slice(afterHeader, afterHeader + 2) : undefined;
  const rest = text.slice(afterHeader + 2);
  // The subfile normally repeats its type before the first element; early cards (v1) skip it.
  const sub = /(DL|ID)(?=D[A-D][A-Z])/.exec(rest) ?? /(DL|ID)\d{8}/.exec(rest);
  if (!sub) throw new AamvaError('no DL or ID subfile');
  let body = rest.slice(sub.index + sub[0].length);
  const firstEl = /D[A-D][A-Z]/.exec(body);
  if (sub[0].length > 2 && firstEl) body = body.slice(firstEl.index);
  const elements = readElements(body);
  const jurisdiction = jurisdictionOf(iin, elements.DAJ);
  const country: 'US' | 'CA' = elements.DCG === 'CAN' || jurisdiction?.country === 'CA' ? 'CA' : 'US';
  const yearFirst = version === 1 || country === 'CA';

  let lastName = clean(elements.DCS ?? elements.DAB);
  let firstName = clean(elements.DAC ?? elements.DCT);
  let middleName = clean(elements.DAD);
  if (elements.DCT && !elements.DAC) {
    const parts = elements.DCT.split(/[,\s]+/).filter(Boolean);
    firstName = parts[0];
    middleName = middleName ?? (parts.slice(1).join(' ') || undefined);
  }
  if (!lastName && elements.DAA) {
    const parts = elements.DAA.split(',').map((p) => p.trim()).filter(Boolean);
    const words = parts.length > 1 ? parts : elements.DAA.split(/\s+/);
    lastName = words[0];
    firstName = firstName ?? words[1];
    middleName = middleName ?? (words.slice(2).join(' ') || undefined);
  }
  if (!elements.DAQ) throw new AamvaError('mandatory element DAQ (document number) is missing');
  if (!elements.DBB) throw new AamvaError('mandatory element DBB (date of birth) is missing');
  const sexCode = elements.DBC?.trim().toUpperCase();
  const sex = sexCode === '1' || sexCode === 'M' ? 'M' : sexCode === '2' || sexCode === 'F' ? 'F' : sexCode === '9' || sexCode === 'X' ? 'X' : undefined;
  const zip = elements.DAK?.trim();
  const postcode = country === 'US' ? zip?.replace(/\D/g, '').slice(0, 5) || undefined : clean(zip);
  const weightKg = elements.DAX ? +elements.DAX : elements.DAW ? Math.round(+elements.DAW * 0.45359237 * 10) / 10 : undefined;
  return {
    iin, version, jurisdictionVersion, subfile: sub[1] as 'DL' | 'ID', elements, jurisdiction, country,
    lastName, firstName, middleName, suffix: clean(elements.DCU ?? elements.DAE),
    truncated: { lastName: elements.DDE === 'T', firstName: elements.DDF === 'T', middleName: elements.DDG === 'T' },
    documentNumber: elements.DAQ.trim(),
    documentDiscriminator: clean(elements.DCF),
    sex,
    dob: parseDate(elements.DBB, yearFirst),
    expiry: parseDate(elements.DBA, yearFirst),
    issued: parseDate(elements.DBD, yearFirst),
    heightCm: parseHeight(elements.DAU),
    weightKg: weightKg !== undefined && Number.isFinite(weightKg) && weightKg > 0 ? weightKg : undefined,
    street: [clean(elements.DAG ?? elements.DAL), clean(elements.DAH ?? elements.DAM)].filter(Boolean).join(' ') || undefined,
    city: clean(elements.DAI ?? elements.DAN),
    state: clean(elements.DAJ ?? elements.DAO),
    postcode,
  };
}
