import { emptyEntity, pushUnique, type AmlEntity, type ParsedList } from './aml-entity.ts';
import { decodeText } from './decode-text.ts';
import { parseCsv } from './parse-csv.ts';
import { countryCode } from './country-code.ts';

const UK_SOURCE = 'https://www.gov.uk/government/publications/financial-sanctions-consolidated-list-of-targets';

/** OFSI writes unknown parts of a date as 00: "00/00/1960" is the year 1960. */
function ukDate(s: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s.trim());
  if (!m) return /^\d{4}$/.test(s.trim()) ? s.trim() : null;
  if (m[2] === '00') return m[3]!;
  if (m[1] === '00') return `${m[3]}-${m[2]}`;
  return `${m[3]}-${m[2]}-${m[1]}`;
}

/**
 * OFSI's consolidated list CSV (ConList.csv): a "Last Updated" line, then a header row; one
 * row per name, rows of one subject share a Group ID. Name 1–5 are given names, Name 6 the
 * surname. Columns are found by header, so column order may change. Written from OFSI's
 * published layout; no real UK file was available to test it.
 */
export function parseUkCsv(buf: Uint8Array): ParsedList {
  const rows = parseCsv(decodeText(buf));
  let snapshotDate: string | null = null;
  let h = rows.findIndex((r) => r.includes('Group ID') && r.includes('Name 6'));
  if (h < 0) throw new Error('not an OFSI consolidated list CSV (no header with "Name 6" and "Group ID")');
  for (const r of rows.slice(0, h)) if (/^last updated$/i.test(r[0] ?? '')) snapshotDate = ukDate(r[1] ?? '') ?? null;
  const header = rows[h]!;
  const col = (name: string) => header.indexOf(name);
  const c = {
    n6: col('Name 6'), names: [1, 2, 3, 4, 5].map((i) => col(`Name ${i}`)), title: col('Title'), nonLatin: col('Name Non-Latin Script'),
    dob: col('DOB'), nationality: col('Nationality'), passport: col('Passport Number'), passportDetails: col('Passport Details'),
    nin: col('National Identification Number'), position: col('Position'), address: [1, 2, 3, 4, 5, 6].map((i) => col(`Address ${i}`)),
    post: col('Post/Zip Code'), country: col('Country'), other: col('Other Information'), type: col('Group Type'), aliasType: col('Alias Type'),
    regime: col('Regime'), listed: col('Listed On'), group: col('Group ID'),
  };
  const byGroup = new Map<string, AmlEntity>();
  for (const r of rows.slice(h + 1)) {
    const get = (i: number) => (i >= 0 ? (r[i] ?? '').trim() : '');
    const group = get(c.group);
    if (!group) continue;
    const person = /individual/i.test(get(c.type));
    let e = byGroup.get(group);
    if (!e) {
      e = emptyEntity(group, 'gb_hmt', person ? 'person' : 'legalentity');
      e.program.push('UK Consolidated List');
      e.source.push(UK_SOURCE);
      byGroup.set(group, e);
    }
    const given = c.names.map(get).filter(Boolean).join(' ');
    const surname = get(c.n6);
    const whole = [given, surname].filter(Boolean).join(' ');
    const primary = /primary name$/i.test(get(c.aliasType));
    if (primary && !e.fullname.length) {
      e.fullname.push(whole);
      pushUnique(e.firstname, given);
      pushUnique(e.lastname, surname);
    }
    pushUnique(e.alias, whole);
    pushUnique(e.alias, get(c.nonLatin));
    pushUnique(e.dob, ukDate(get(c.dob)));
    for (const n of get(c.nationality).split(/[,;]|\(\d+\)/)) pushUnique(e.nationality, countryCode(n.trim()));
    const passport = get(c.passport);
    if (passport) e.documentnumber.push({ id: passport, id_formatted: passport, country: null, type: 'passport' });
    const nin = get(c.nin);
    if (nin) e.documentnumber.push({ id: nin, id_formatted: nin, country: null, type: 'national id' });
    pushUnique(e.address, [...c.address.map(get), get(c.post), get(c.country)].filter(Boolean).join(', '));
    pushUnique(e.program, get(c.regime));
    pushUnique(e.note, get(c.position));
    const listed = ukDate(get(c.listed));
    if (listed && listed.length === 10 && !e.time) e.time = `${listed}T00:00:00.000Z`;
  }
  const entities = [...byGroup.values()].filter((e) => {
    if (!e.fullname.length && e.alias.length) e.fullname.push(e.alias[0]!);
    // Duplicate passport/ID rows repeat per alias row.
    e.documentnumber = e.documentnumber.filter((d, i, all) => all.findIndex((x) => x.id === d.id) === i);
    return e.fullname.length > 0;
  });
  return { entities, snapshotDate: snapshotDate && snapshotDate.length === 10 ? snapshotDate : snapshotDate, format: 'uk-csv' };
}
