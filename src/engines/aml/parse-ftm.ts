import { emptyEntity, pushUnique, type AmlEntity, type ParsedList } from './aml-entity.ts';
import { decodeText } from './decode-text.ts';
import { countryCode } from './country-code.ts';

type FtmEntity = {
  id?: string;
  schema?: string;
  caption?: string;
  properties?: Record<string, string[] | undefined>;
  datasets?: string[];
  first_seen?: string;
  target?: boolean;
};

const PERSON = new Set(['Person']);
const LEGAL = new Set(['Organization', 'Company', 'LegalEntity', 'PublicBody', 'Vessel', 'Airplane']);

/** OpenSanctions topics → the callback's `schema` (sanction, pep, crime, …). */
function schemaOf(topics: string[]): string {
  if (topics.some((t) => t === 'sanction' || t.startsWith('sanction.'))) return 'sanction';
  if (topics.some((t) => t.startsWith('role.pep') || t === 'role.rca')) return 'pep';
  if (topics.some((t) => t.startsWith('crime') || t === 'wanted')) return 'crime';
  return topics[0] ?? 'sanction';
}

function toEntity(f: FtmEntity, database: string | undefined): AmlEntity | null {
  if (!f.id || !f.schema || !(PERSON.has(f.schema) || LEGAL.has(f.schema))) return null;
  const p = f.properties ?? {};
  const get = (k: string) => (p[k] ?? []).filter((v) => typeof v === 'string');
  const topics = get('topics');
  const e = emptyEntity(f.id, database ?? f.datasets?.[0] ?? 'unknown', PERSON.has(f.schema) ? 'person' : 'legalentity', schemaOf(topics));
  const names = get('name');
  pushUnique(e.fullname, f.caption ?? names[0]);
  for (const n of names) pushUnique(e.alias, n);
  for (const n of [...get('alias'), ...get('weakAlias'), ...get('previousName')]) pushUnique(e.alias, n);
  for (const n of get('firstName')) pushUnique(e.firstname, n);
  for (const n of get('lastName')) pushUnique(e.lastname, n);
  for (const d of get('birthDate')) pushUnique(e.dob, d.slice(0, 10));
  for (const c of [...get('nationality'), ...get('citizenship')]) pushUnique(e.nationality, countryCode(c));
  if (e.entity === 'legalentity') for (const c of [...get('country'), ...get('jurisdiction')]) pushUnique(e.nationality, countryCode(c));
  for (const a of get('address')) pushUnique(e.address, a);
  const docCountry = e.nationality[0]?.toLowerCase() ?? null;
  for (const [prop, type] of [['passportNumber', 'passport'], ['idNumber', 'id'], ['taxNumber', 'tax'], ['registrationNumber', 'registration'], ['imoNumber', 'imo']] as const) {
    for (const id of get(prop)) e.documentnumber.push({ id, id_formatted: id, country: docCountry, type });
  }
  for (const x of get('program')) pushUnique(e.program, x);
  for (const x of [...get('position'), ...get('notes')]) pushUnique(e.note, x);
  for (const x of get('sourceUrl')) pushUnique(e.source, x);
  if (!e.source.length) e.source.push(`https://www.opensanctions.org/entities/${f.id}/`);
  const created = get('createdAt')[0] ?? f.first_seen;
  e.time = created ? new Date(created.length === 10 ? `${created}T00:00:00Z` : `${created}Z`.replace(/ZZ$/, 'Z')).toISOString() : null;
  return e.fullname.length ? e : null;
}

/**
 * OpenSanctions FollowTheMoney entities, one JSON object per line (also a JSON array). Only
 * persons and legal entities are kept; addresses, sanctions and links are other schemata.
 * `database` overrides the entity's own first dataset as the database code.
 */
export function parseFtm(buf: Uint8Array, database?: string): ParsedList {
  const text = decodeText(buf).trim();
  const objects: FtmEntity[] = text.startsWith('[') ? (JSON.parse(text) as FtmEntity[]) : text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as FtmEntity);
  const entities: AmlEntity[] = [];
  for (const o of objects) {
    // Delta files wrap the entity: {"op":"ADD","entity":{…}}; deletions are skipped.
    const f = (o as { op?: string; entity?: FtmEntity }).entity ?? o;
    if ((o as { op?: string }).op === 'DEL' || f.target === false) continue;
    const e = toEntity(f, database);
    if (e) entities.push(e);
  }
  return { entities, snapshotDate: null, format: 'ftm' };
}
