import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import type { ParsedList } from './aml-entity.ts';
import { parseOfacCsv, type OfacCsvFiles } from './parse-ofac-csv.ts';
import { parseOfacXml } from './parse-ofac-xml.ts';
import { parseUnXml } from './parse-un-xml.ts';
import { parseEuXml } from './parse-eu-xml.ts';
import { parseUkCsv } from './parse-uk-csv.ts';
import { parseFtm } from './parse-ftm.ts';

export type ListFile = { name: string; data: Uint8Array };

/** The database a format belongs to when the caller names none. */
const DEFAULT_DATABASE: Record<string, string> = { 'ofac-csv': 'us_ofac', 'ofac-xml': 'us_ofac', 'un-xml': 'un_sc', 'eu-xml': 'eu_fsf', 'uk-csv': 'gb_hmt' };

function unzip(f: ListFile): ListFile {
  const gz = f.data[0] === 0x1f && f.data[1] === 0x8b;
  return gz ? { name: f.name.replace(/\.gz$/i, ''), data: gunzipSync(f.data) } : f;
}

const head = (f: ListFile) => Buffer.from(f.data.subarray(0, 4096)).toString('latin1');

/**
 * Recognises a list by file names and first bytes and parses it. OFAC's CSV set is several
 * files (sdn/cons_prim + alt + add + comments) given together; every other format is one file.
 * With `database`, every entity is filed under that code.
 */
export function parseListFiles(input: ListFile[], database?: string): ParsedList {
  const files = input.map(unzip);
  const base = (f: ListFile) => path.basename(f.name).toLowerCase();
  const ofac: Partial<OfacCsvFiles> = {};
  for (const f of files) {
    const b = base(f);
    if (/(^|_)(alt)\.csv$/.test(b)) ofac.alt = f.data;
    else if (/(^|_)(add)\.csv$/.test(b)) ofac.add = f.data;
    else if (/comments\.csv$/.test(b)) ofac.comments = f.data;
    else if (/^(sdn|cons_prim)\.csv$/.test(b) || (b.endsWith('.csv') && /^\d+,"/.test(head(f)))) ofac.sdn = f.data;
  }
  let parsed: ParsedList;
  if (ofac.sdn) {
    const cons = files.some((f) => base(f).startsWith('cons_'));
    parsed = parseOfacCsv(ofac as OfacCsvFiles, database ?? 'us_ofac', cons ? 'Non-SDN Consolidated List' : 'SDN List');
  } else {
    if (files.length !== 1) throw new Error(`expected one list file (or OFAC's sdn.csv with alt/add/comments), got ${files.length}`);
    const f = files[0]!;
    const h = head(f);
    if (/<sdnList[\s>]/.test(h)) parsed = parseOfacXml(f.data, database);
    else if (/<CONSOLIDATED_LIST[\s>]/.test(h)) parsed = parseUnXml(f.data);
    else if (/<(\w+:)?export[\s>]/.test(h)) parsed = parseEuXml(f.data);
    else if (/^\s*[[{]/.test(h)) parsed = parseFtm(f.data, database);
    else if (/Name 6/.test(h)) parsed = parseUkCsv(f.data);
    else throw new Error(`unrecognised list format: ${f.name}`);
  }
  const db = database ?? DEFAULT_DATABASE[parsed.format];
  if (db) for (const e of parsed.entities) e.database = db;
  return parsed;
}
