import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { AmlRepository } from '../../database/repositories/aml-repository.ts';
import { buildAmlIndex, type AmlIndex } from '../../engines/aml/aml-index.ts';
import { parseListFiles } from '../../engines/aml/parse-list-files.ts';

export const BUNDLED_AML_DIR = fileURLToPath(new URL('../../../assets/aml/', import.meta.url));

/** The bundled snapshots: file, database and the snapshot date recorded for it. */
export const BUNDLED_LISTS = [
  { file: 'us_ofac-sdn-2024-05-03.csv.gz', name: 'sdn.csv', database: 'us_ofac', snapshotDate: '2024-05-03' },
  { file: 'un_sc-consolidated-2026-02-27.xml.gz', name: 'consolidated.xml', database: 'un_sc', snapshotDate: null },
] as const;

// Another process (a second server, a CLI import) may replace a list; checking the status
// table this often keeps every process's index at most this stale, for one tiny query.
const FRESHNESS_CHECK_MS = 60_000;

/**
 * Holds the in-memory index. Built lazily on first use (so CLI commands and tests that never
 * screen pay nothing), from the database; when no list was ever imported, the bundled
 * snapshots are imported first. Matching runs on the calling thread: a query takes well under
 * a millisecond, less than a round trip to a worker thread would cost (see BENCHMARKS.md).
 */
export class AmlIndexHolder {
  private current: Promise<AmlIndex> | null = null;
  private fingerprint = '';
  private checkedAt = 0;

  constructor(
    readonly repo: AmlRepository,
    private readonly logger: Logger,
    private readonly clock: () => number,
    private readonly bundledDir: string = BUNDLED_AML_DIR,
  ) {}

  async get(): Promise<AmlIndex> {
    if (this.current && this.clock() - this.checkedAt > FRESHNESS_CHECK_MS) {
      this.checkedAt = this.clock();
      const fp = await this.repo.fingerprint().catch(() => this.fingerprint);
      if (fp !== this.fingerprint) this.current = null;
    }
    if (!this.current) {
      this.current = this.load();
      this.current.catch(() => (this.current = null));
    }
    return this.current;
  }

  /** Drops the index; the next `get` rebuilds it (after an import in this process). */
  invalidate(): void {
    this.current = null;
  }

  private async load(): Promise<AmlIndex> {
    const started = this.clock();
    if ((await this.repo.findLists()).length === 0) await this.seedBundled();
    this.fingerprint = await this.repo.fingerprint();
    this.checkedAt = this.clock();
    const entities = await this.repo.findAllEntities();
    const index = buildAmlIndex(entities);
    this.logger.info({ entities: entities.length, names: index.nameEntity.length, ms: this.clock() - started }, 'AML index built');
    return index;
  }

  private async seedBundled(): Promise<void> {
    for (const l of BUNDLED_LISTS) {
      const file = path.join(this.bundledDir, l.file);
      if (!fs.existsSync(file)) continue;
      const parsed = parseListFiles([{ name: l.name, data: fs.readFileSync(file) }], l.database);
      try {
        await this.repo.replaceList(l.database, parsed.entities, {
          snapshot_date: l.snapshotDate ?? parsed.snapshotDate,
          format: parsed.format,
          source: `bundled:${l.file}`,
          imported_at: this.clock(),
        });
        this.logger.info({ database: l.database, entities: parsed.entities.length }, 'AML: imported bundled snapshot');
      } catch (e) {
        // Two processes starting together both seed; the loser's insert conflicts and the winner's list stands.
        if ((await this.repo.findLists()).some((x) => x.database === l.database)) continue;
        throw e;
      }
    }
  }
}
