import type { ServiceDeps } from '../deps.ts';
import { parseListFiles, type ListFile } from '../../engines/aml/parse-list-files.ts';
import { AML_DATABASES } from '../../domain/session/create-options.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';

export type AmlImportResult = { database: string; format: string; entities: number; persons: number; legalEntities: number; snapshotDate: string | null };

/**
 * Parses list files and replaces one database's list atomically. The database defaults to the
 * one the format belongs to (OFAC → us_ofac, UN → un_sc, EU → eu_fsf, UK → gb_hmt); an
 * OpenSanctions file needs one named.
 */
export async function importAmlList(
  deps: Pick<ServiceDeps, 'aml' | 'clock'>,
  files: ListFile[],
  opts: { database?: string; snapshotDate?: string; onProgress?: (stage: 'parsed' | 'stored', done: number, total: number) => void } = {},
): Promise<AmlImportResult> {
  const aml = deps.aml;
  if (!aml) throw new Error('AML screening is not configured');
  if (opts.database && !(AML_DATABASES as readonly string[]).includes(opts.database)) {
    throw new DomainError(ErrorCode.InvalidValue, `Unknown AML database ${opts.database}; use one of ${AML_DATABASES.join(', ')}`);
  }
  const parsed = parseListFiles(files, opts.database);
  const database = opts.database ?? parsed.entities[0]?.database;
  if (!database || !(AML_DATABASES as readonly string[]).includes(database)) {
    throw new DomainError(ErrorCode.InvalidValue, `Name the database for this ${parsed.format} file with --database (one of ${AML_DATABASES.join(', ')})`);
  }
  if (parsed.entities.length === 0) throw new DomainError(ErrorCode.InvalidValue, 'The file holds no persons or organisations; the list was left unchanged');
  const total = parsed.entities.length;
  opts.onProgress?.('parsed', total, total);
  await aml.repo.replaceList(
    database,
    parsed.entities,
    { snapshot_date: opts.snapshotDate ?? parsed.snapshotDate, format: parsed.format, source: files.map((f) => f.name).join(', '), imported_at: deps.clock() },
    (done) => opts.onProgress?.('stored', done, total),
  );
  aml.invalidate();
  const persons = parsed.entities.filter((e) => e.entity === 'person').length;
  return { database, format: parsed.format, entities: total, persons, legalEntities: total - persons, snapshotDate: opts.snapshotDate ?? parsed.snapshotDate };
}
