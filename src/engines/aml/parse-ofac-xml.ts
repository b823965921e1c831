import { XMLParser } from 'fast-xml-parser';
import { emptyEntity, pushUnique, type AmlEntity, type ParsedList } from './aml-entity.ts';
import { decodeText } from './decode-text.ts';
import { ofacDates } from './parse-ofac-remarks.ts';
import { countryCode } from './country-code.ts';

type Node = Record<string, unknown>;
const REPEATED = new Set(['sdnEntry', 'program', 'aka', 'id', 'dateOfBirthItem', 'nationality', 'citizenship', 'address']);
const OFAC_SOURCE = 'https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists';

const s = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v).replace(/\s+/g, ' ').trim() : '');
const arr = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : []);
const list = (n: Node, outer: string, inner: string): Node[] => arr((n[outer] as Node | undefined)?.[inner]);
const name = (n: Node) => [s(n.firstName), s(n.lastName)].filter(Boolean).join(' ');

function toEntity(n: Node, database: string): AmlEntity | null {
  const uid = s(n.uid);
  const full = name(n);
  if (!uid || !full) return null;
  const person = s(n.sdnType).toLowerCase() === 'individual';
  const e = emptyEntity(uid, database, person ? 'person' : 'legalentity');
  e.fullname.push(full);
  if (person) {
    pushUnique(e.firstname, s(n.firstName));
    pushUnique(e.lastname, s(n.lastName));
  }
  for (const a of list(n, 'akaList', 'aka')) pushUnique(e.alias, name(a));
  for (const d of list(n, 'dateOfBirthList', 'dateOfBirthItem')) for (const x of ofacDates(s(d.dateOfBirth))) pushUnique(e.dob, x);
  for (const c of [...list(n, 'nationalityList', 'nationality'), ...list(n, 'citizenshipList', 'citizenship')]) pushUnique(e.nationality, countryCode(s(c.country)));
  for (const i of list(n, 'idList', 'id')) {
    const number = s(i.idNumber);
    if (number) e.documentnumber.push({ id: number, id_formatted: number, country: countryCode(s(i.idCountry))?.toLowerCase() ?? null, type: s(i.idType) || null });
  }
  for (const a of list(n, 'addressList', 'address')) {
    pushUnique(e.address, ['address1', 'address2', 'address3', 'city', 'stateOrProvince', 'postalCode', 'country'].map((k) => s(a[k])).filter(Boolean).join(', '));
  }
  e.program.push('SDN List');
  for (const p of arr((n.programList as Node | undefined)?.program)) pushUnique(e.program, s(p));
  pushUnique(e.note, s(n.title));
  pushUnique(e.note, s(n.remarks));
  e.source.push(OFAC_SOURCE);
  return e;
}

/** OFAC's SDN XML (`sdnList` of `sdnEntry`, the legacy sdn.xml schema). */
export function parseOfacXml(buf: Uint8Array, database = 'us_ofac'): ParsedList {
  const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, isArray: (n) => REPEATED.has(n) });
  const doc = parser.parse(decodeText(buf)) as Node;
  const root = doc.sdnList as Node | undefined;
  if (!root) throw new Error('not an OFAC SDN XML file (no sdnList root)');
  const entities = arr(root.sdnEntry).map((n) => toEntity(n, database)).filter((e): e is AmlEntity => e !== null);
  const published = s((root.publshInformation as Node | undefined)?.Publish_Date);
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(published);
  return { entities, snapshotDate: m ? `${m[3]}-${m[1]}-${m[2]}` : published || null, format: 'ofac-xml' };
}
