import { emptyEntity, pushUnique, type AmlEntity, type ParsedList } from './aml-entity.ts';
import { decodeText } from './decode-text.ts';
import { parseCsv } from './parse-csv.ts';
import { parseOfacRemarks } from './parse-ofac-remarks.ts';
import { countryCode } from './country-code.ts';

export type OfacCsvFiles = { sdn: Uint8Array; alt?: Uint8Array; add?: Uint8Array; comments?: Uint8Array };

const OFAC_SOURCE = 'https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists';

function rows(buf: Uint8Array | undefined): string[][] {
  if (!buf) return [];
  const records = parseCsv(decodeText(buf));
  // OFAC writes "-0-" for an empty field.
  return records.filter((r) => r.length > 1).map((r) => r.map((f) => (f === '-0-' ? '' : f)));
}

/** "PUTIN, Vladimir Vladimirovich" → given names first, as the callback's `fullname` shows them. */
export function ofacNaturalName(name: string, person: boolean): { full: string; first: string | null; last: string | null } {
  const i = name.indexOf(', ');
  if (!person || i < 0) return { full: name, first: null, last: null };
  const last = name.slice(0, i).trim();
  const first = name.slice(i + 2).trim();
  return { full: `${first} ${last}`, first, last };
}

/**
 * OFAC's legacy CSV set (sdn.csv or cons_prim.csv, with the optional alt/add/comments files).
 * Columns: sdn `ent_num, name, type, program, title, call_sign, vess_type, tonnage, grt, vess_flag,
 * vess_owner, remarks`; alt `ent_num, alt_num, alt_type, alt_name, remarks`; add `ent_num, add_num,
 * address, city/state/postal, country, remarks`; comments `ent_num, remarks overflow`.
 */
export function parseOfacCsv(files: OfacCsvFiles, database = 'us_ofac', listName = 'SDN List'): ParsedList {
  const byId = new Map<string, AmlEntity>();
  const overflow = new Map<string, string>();
  for (const r of rows(files.comments)) overflow.set(r[0]!, r[1] ?? '');
  for (const r of rows(files.sdn)) {
    const [id, name, type, program, title, , , , , vessFlag, , remarksRaw] = r as (string | undefined)[];
    if (!id || !name || !/^\d+$/.test(id)) continue;
    const person = type?.toLowerCase() === 'individual';
    const e = emptyEntity(id, database, person ? 'person' : 'legalentity');
    const n = ofacNaturalName(name, person);
    e.fullname.push(n.full);
    if (n.first) e.firstname.push(n.first);
    if (n.last) e.lastname.push(n.last);
    if (n.full !== name) pushUnique(e.alias, name);
    e.program.push(listName);
    for (const p of (program ?? '').replace(/^\[|\]$/g, '').split(/\]\s*\[/)) pushUnique(e.program, p);
    pushUnique(e.note, title);
    if (type && !person && type !== '') pushUnique(e.note, type === 'vessel' || type === 'aircraft' ? `Type: ${type}` : null);
    const remarks = parseOfacRemarks(`${remarksRaw ?? ''}${overflow.get(id) ?? ''}`);
    e.dob.push(...remarks.dob);
    e.nationality.push(...remarks.nationality);
    e.documentnumber.push(...remarks.documents);
    for (const a of remarks.aliases) pushUnique(e.alias, a);
    for (const note of remarks.notes) pushUnique(e.note, note);
    const flag = countryCode(vessFlag);
    if (flag && !person) pushUnique(e.nationality, flag);
    e.source.push(OFAC_SOURCE);
    byId.set(id, e);
  }
  for (const r of rows(files.alt)) {
    const e = byId.get(r[0]!);
    const alias = r[3];
    if (!e || !alias) continue;
    pushUnique(e.alias, e.entity === 'person' ? ofacNaturalName(alias, true).full : alias);
  }
  for (const r of rows(files.add)) {
    const e = byId.get(r[0]!);
    if (!e) continue;
    pushUnique(e.address, [r[2], r[3], r[4]].filter((x) => x && x.trim()).join(', '));
  }
  return { entities: [...byId.values()], snapshotDate: null, format: 'ofac-csv' };
}
