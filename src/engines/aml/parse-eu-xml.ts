import { XMLParser } from 'fast-xml-parser';
import { emptyEntity, pushUnique, type AmlEntity, type ParsedList } from './aml-entity.ts';
import { decodeText } from './decode-text.ts';

type Node = Record<string, unknown>;
const EU_SOURCE = 'https://data.europa.eu/data/datasets/consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions';
const REPEATED = new Set(['sanctionEntity', 'nameAlias', 'citizenship', 'birthdate', 'identification', 'address', 'regulation', 'remark']);

const attr = (n: Node, k: string): string => {
  const v = n[`@${k}`];
  return v === undefined || v === null ? '' : String(v).replace(/\s+/g, ' ').trim();
};
const arr = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : []);
const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : v && typeof v === 'object' ? String((v as Node)['#text'] ?? '').trim() : '');

function euDate(b: Node): string | null {
  const full = attr(b, 'birthdate');
  if (/^\d{4}-\d{2}-\d{2}$/.test(full)) return full;
  const y = attr(b, 'year');
  if (!/^\d{4}$/.test(y)) return null;
  const m = attr(b, 'monthOfYear');
  const d = attr(b, 'dayOfMonth');
  if (m && m !== '0') return d && d !== '0' ? `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` : `${y}-${m.padStart(2, '0')}`;
  return y;
}

function toEntity(n: Node): AmlEntity | null {
  const id = attr(n, 'logicalId') || attr(n, 'euReferenceNumber');
  if (!id) return null;
  const code = attr(arr(n.subjectType)[0] ?? {}, 'code');
  const person = code === 'person';
  const e = emptyEntity(id, 'eu_fsf', person ? 'person' : 'legalentity');
  arr(n.nameAlias).forEach((a, i) => {
    const whole = attr(a, 'wholeName') || [attr(a, 'firstName'), attr(a, 'middleName'), attr(a, 'lastName')].filter(Boolean).join(' ');
    if (i === 0 || (attr(a, 'strong') !== 'false' && !e.fullname.length)) pushUnique(e.fullname, whole);
    pushUnique(e.alias, whole);
    pushUnique(e.firstname, attr(a, 'firstName'));
    pushUnique(e.lastname, attr(a, 'lastName'));
  });
  if (!e.fullname.length) return null;
  for (const c of arr(n.citizenship)) pushUnique(e.nationality, attr(c, 'countryIso2Code').toUpperCase());
  for (const b of arr(n.birthdate)) pushUnique(e.dob, euDate(b));
  for (const d of arr(n.identification)) {
    const number = attr(d, 'number') || attr(d, 'latinNumber');
    if (!number) continue;
    e.documentnumber.push({ id: number, id_formatted: number, country: attr(d, 'countryIso2Code').toLowerCase() || null, type: attr(d, 'identificationTypeCode') || null });
  }
  for (const a of arr(n.address)) {
    pushUnique(e.address, ['street', 'poBox', 'city', 'zipCode', 'region', 'countryDescription'].map((k) => attr(a, k)).filter(Boolean).join(', '));
  }
  e.program.push('EU Financial Sanctions');
  let earliest: string | null = null;
  for (const r of arr(n.regulation)) {
    pushUnique(e.program, attr(r, 'programme'));
    const p = attr(r, 'publicationDate');
    if (p && (!earliest || p < earliest)) earliest = p;
  }
  pushUnique(e.note, attr(n, 'euReferenceNumber'));
  for (const r of arr(n.remark)) pushUnique(e.note, text(r));
  e.time = earliest && /^\d{4}-\d{2}-\d{2}/.test(earliest) ? `${earliest.slice(0, 10)}T00:00:00.000Z` : null;
  e.source.push(EU_SOURCE);
  return e;
}

/**
 * The EU consolidated financial sanctions list, XML 1.1 (`export` root, one `sanctionEntity`
 * per subject with `nameAlias`, `citizenship`, `birthdate`, `identification`, `address`,
 * `regulation` and `subjectType` children; data in attributes). Written from the published
 * schema; no real EU file was available to test it.
 */
export function parseEuXml(buf: Uint8Array): ParsedList {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false, parseAttributeValue: false, isArray: (name) => REPEATED.has(name) });
  const doc = parser.parse(decodeText(buf)) as Node;
  const root = doc.export as Node | undefined;
  if (!root) throw new Error('not an EU financial sanctions export (no export root)');
  const entities = arr(root.sanctionEntity).map(toEntity).filter((e): e is AmlEntity => e !== null);
  const generated = attr(root, 'generationDate');
  return { entities, snapshotDate: generated || null, format: 'eu-xml' };
}
