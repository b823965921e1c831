import { XMLParser } from 'fast-xml-parser';
import { emptyEntity, pushUnique, type AmlEntity, type ParsedList } from './aml-entity.ts';
import { decodeText } from './decode-text.ts';
import { countryCode } from './country-code.ts';

type Node = Record<string, unknown>;
const UN_SOURCE = 'https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list';

const REPEATED = new Set([
  'INDIVIDUAL', 'ENTITY', 'INDIVIDUAL_ALIAS', 'ENTITY_ALIAS', 'INDIVIDUAL_ADDRESS', 'ENTITY_ADDRESS', 'INDIVIDUAL_DATE_OF_BIRTH',
  'INDIVIDUAL_PLACE_OF_BIRTH', 'INDIVIDUAL_DOCUMENT', 'VALUE', 'NATIONALITY', 'DESIGNATION', 'TITLE', 'LAST_DAY_UPDATED',
]);

const str = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'object' ? '' : String(v).replace(/\s+/g, ' ').trim());
const arr = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : []);
const values = (v: unknown): string[] => arr(v).flatMap((n) => (Array.isArray(n.VALUE) ? n.VALUE.map(str) : [str(n.VALUE)])).filter(Boolean);

function unDates(d: Node): string[] {
  const date = str(d.DATE);
  if (date) return [date.slice(0, 10)];
  const year = str(d.YEAR);
  if (year) return [year];
  const from = Number(str(d.FROM_YEAR));
  const to = Number(str(d.TO_YEAR));
  if (from && to && to >= from && to - from <= 10) return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
  return from ? [String(from)] : [];
}

function address(a: Node): string {
  return ['STREET', 'CITY', 'STATE_PROVINCE', 'ZIP_CODE', 'COUNTRY'].map((k) => str(a[k])).filter(Boolean).join(', ') + (str(a.NOTE) ? ` (${str(a.NOTE)})` : '');
}

function toEntity(n: Node, person: boolean): AmlEntity | null {
  const id = str(n.DATAID) || str(n.REFERENCE_NUMBER);
  if (!id) return null;
  const e = emptyEntity(id, 'un_sc', person ? 'person' : 'legalentity');
  const parts = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((k) => str(n[k])).filter(Boolean);
  if (!parts.length) return null;
  e.fullname.push(parts.join(' '));
  if (person) {
    pushUnique(e.firstname, parts[0]);
    if (parts.length > 1) pushUnique(e.lastname, parts.slice(1).join(' '));
  }
  pushUnique(e.alias, str(n.NAME_ORIGINAL_SCRIPT));
  for (const a of arr(n[person ? 'INDIVIDUAL_ALIAS' : 'ENTITY_ALIAS'])) pushUnique(e.alias, str(a.ALIAS_NAME));
  for (const d of arr(n.INDIVIDUAL_DATE_OF_BIRTH)) for (const x of unDates(d)) pushUnique(e.dob, x);
  for (const a of arr(n[person ? 'INDIVIDUAL_ADDRESS' : 'ENTITY_ADDRESS'])) pushUnique(e.address, address(a));
  for (const v of values(n.NATIONALITY)) pushUnique(e.nationality, countryCode(v));
  for (const d of arr(n.INDIVIDUAL_DOCUMENT)) {
    const id = str(d.NUMBER);
    if (!id) continue;
    const country = countryCode(str(d.ISSUING_COUNTRY) || str(d.COUNTRY_OF_ISSUE));
    e.documentnumber.push({ id, id_formatted: id, country: country?.toLowerCase() ?? null, type: str(d.TYPE_OF_DOCUMENT) || null });
  }
  e.program.push('UN Security Council Consolidated List');
  pushUnique(e.program, str(n.UN_LIST_TYPE));
  pushUnique(e.note, str(n.REFERENCE_NUMBER));
  for (const v of values(n.DESIGNATION)) pushUnique(e.note, v);
  const listed = str(n.LISTED_ON);
  e.time = /^\d{4}-\d{2}-\d{2}/.test(listed) ? `${listed.slice(0, 10)}T00:00:00.000Z` : null;
  e.source.push(UN_SOURCE);
  return e;
}

/** The UN Security Council consolidated list (`CONSOLIDATED_LIST` XML, sc-sanctions.xsd). */
export function parseUnXml(buf: Uint8Array): ParsedList {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    isArray: (name) => REPEATED.has(name),
  });
  const doc = parser.parse(decodeText(buf)) as Node;
  const root = doc.CONSOLIDATED_LIST as Node | undefined;
  if (!root) throw new Error('not a UN consolidated list (no CONSOLIDATED_LIST root)');
  const entities: AmlEntity[] = [];
  for (const n of arr((root.INDIVIDUALS as Node | undefined)?.INDIVIDUAL)) {
    const e = toEntity(n, true);
    if (e) entities.push(e);
  }
  for (const n of arr((root.ENTITIES as Node | undefined)?.ENTITY)) {
    const e = toEntity(n, false);
    if (e) entities.push(e);
  }
  const generated = str(root['@dateGenerated']);
  return { entities, snapshotDate: generated || null, format: 'un-xml' };
}
