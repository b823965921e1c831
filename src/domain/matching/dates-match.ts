/** Date fields of the DocuPass `data` object these rules read. */
export type DocumentDates = {
  dob?: string; dob_day?: number; dob_month?: number; dob_year?: number;
  expiry?: string; expiry_day?: number; expiry_month?: number; expiry_year?: number;
  age?: number;
};

export type Ymd = { year: number; month: number; day: number };

function parseYmd(s: string | undefined): Ymd | null {
  const m = s?.trim().match(/^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(year, month - 1, day));
  return t.getUTCFullYear() === year && t.getUTCMonth() === month - 1 && t.getUTCDate() === day ? { year, month, day } : null;
}

function fromParts(year?: number, month?: number, day?: number): Ymd | null {
  return year && month && day ? parseYmd(`${year}/${month}/${day}`) : null;
}

/** Birth date from the split fields (preferred: they are what the engine parsed) or the `dob` string. */
export function documentDob(data: DocumentDates): Ymd | null {
  return fromParts(data.dob_year, data.dob_month, data.dob_day) ?? parseYmd(data.dob);
}

export function documentExpiry(data: DocumentDates): Ymd | null {
  return fromParts(data.expiry_year, data.expiry_month, data.expiry_day) ?? parseYmd(data.expiry);
}

const same = (a: Ymd, b: Ymd) => a.year === b.year && a.month === b.month && a.day === b.day;

/** `verify_dob` ('YYYY/MM/DD'): the exact calendar date; false when the document shows none. */
export function dobMatches(expected: string, data: DocumentDates): boolean {
  const want = parseYmd(expected);
  const have = documentDob(data);
  return want !== null && have !== null && same(want, have);
}

/** Completed years on `now`'s UTC date; someone born on 29 February turns a year older on 1 March. */
export function ageOn(dob: Ymd, now: Date): number {
  const y = now.getUTCFullYear(), m = now.getUTCMonth() + 1, d = now.getUTCDate();
  let age = y - dob.year;
  if (m < dob.month || (m === dob.month && d < dob.day)) age--;
  return age;
}

/** The holder's age now: from the birth date when read, else the engine's `age` field. */
export function documentAge(data: DocumentDates, now: Date): number | null {
  const dob = documentDob(data);
  if (dob) return ageOn(dob, now);
  return typeof data.age === 'number' && Number.isFinite(data.age) ? data.age : null;
}

/** `verify_age` ("18-40"): inclusive on both ends; false when no age can be derived. */
export function ageInRange(range: { min: number; max: number }, data: DocumentDates, now: Date): boolean {
  const age = documentAge(data, now);
  return age !== null && age >= range.min && age <= range.max;
}

/** A document is valid through its expiry date (inclusive) and expired from the next UTC day. */
export function isExpired(data: DocumentDates, now: Date): boolean | null {
  const exp = documentExpiry(data);
  if (!exp) return null;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Date.UTC(exp.year, exp.month - 1, exp.day) < today;
}
