/**
 * One listed person or organisation, shaped like the callback's `aml` entries so a hit can be
 * returned as is. Every list format is parsed into this record.
 */
export type AmlDocumentNumber = { id: string; id_formatted: string; country: string | null; type: string | null };

export type AmlEntityType = 'person' | 'legalentity';

export type AmlEntity = {
  /** Stable id within its database (the list's own id), used as the storage key. */
  id: string;
  entity: AmlEntityType;
  fullname: string[];
  firstname: string[];
  lastname: string[];
  alias: string[];
  /** ISO dates, possibly partial: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  dob: string[];
  address: string[];
  /** ISO 3166-1 alpha-2, upper case. */
  nationality: string[];
  documentnumber: AmlDocumentNumber[];
  program: string[];
  note: string[];
  /** When the list first published the entity (ISO time), if known. */
  time: string | null;
  source: string[];
  database: string;
  schema: string;
};

export type ParsedList = {
  entities: AmlEntity[];
  /** The list's own publication date when the file states one (ISO). */
  snapshotDate: string | null;
  format: string;
};

export function emptyEntity(id: string, database: string, entity: AmlEntityType, schema = 'sanction'): AmlEntity {
  return {
    id, entity, fullname: [], firstname: [], lastname: [], alias: [], dob: [], address: [], nationality: [],
    documentnumber: [], program: [], note: [], time: null, source: [], database, schema,
  };
}

/** Appends when non-empty and not already present (lists repeat values across rows). */
export function pushUnique(list: string[], value: string | null | undefined): void {
  const v = value?.replace(/\s+/g, ' ').trim();
  if (v && !list.includes(v)) list.push(v);
}

/** Document numbers compare on letters and digits only, upper case. */
export const normalizeDocumentNumber = (s: string): string => s.normalize('NFKD').toUpperCase().replace(/[^A-Z0-9]/g, '');
