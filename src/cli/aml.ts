import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { withComposition } from './cli-context.ts';
import { importAmlList } from '../services/aml/aml-import.ts';
import { screenPerson } from '../services/aml/aml-screening.ts';
import { EXIT, printRecord, printRows } from './cli-output.ts';

const OFAC_CSV = /^(sdn|cons_prim)\.csv(\.gz)?$/i;

/**
 * OFAC's CSV list is a set: sdn.csv holds names, alt.csv the aliases, add.csv the addresses.
 * Importing sdn.csv alone replaces the list with one that misses every alias, so it is refused
 * unless the operator says --partial.
 */
export function refusePartialOfacSet(files: string[], partial: boolean | undefined): void {
  const names = files.map((f) => path.basename(f).toLowerCase().replace(/\.gz$/, ''));
  if (partial || !names.some((n) => OFAC_CSV.test(n))) return;
  const missing = ['alt', 'add'].filter((k) => !names.some((n) => n === `${k}.csv` || n.endsWith(`_${k}.csv`)));
  if (missing.length) {
    throw new Error(`incomplete OFAC CSV set: ${missing.map((k) => `${k}.csv`).join(' and ')} missing (aliases/addresses would be lost). Give sdn.csv, alt.csv, add.csv and sdn_comments.csv together, or --partial to import anyway`);
  }
}

/** Age of a list in whole days: from its snapshot date when known, else from its import. */
export function listAgeDays(snapshotDate: string | null, importedAt: number, now: number): number {
  const from = snapshotDate && !Number.isNaN(Date.parse(snapshotDate)) ? Date.parse(snapshotDate) : importedAt;
  return Math.max(0, Math.floor((now - from) / 86_400_000));
}

/** The import units in a directory: OFAC's CSV files together, every other list file alone. */
function listGroups(dir: string): string[][] {
  const files = fs.readdirSync(dir).filter((f) => /\.(csv|xml|json|jsonl|ndjson|gz|zip)$/i.test(f)).sort().map((f) => path.join(dir, f));
  const ofac = files.filter((f) => /^(sdn|cons_prim|alt|add|sdn_comments|cons_alt|cons_add|cons_comments)\.csv(\.gz)?$/i.test(path.basename(f)));
  const rest = files.filter((f) => !ofac.includes(f));
  return [...(ofac.length ? [ofac] : []), ...rest.map((f) => [f])];
}

/** A one-line progress bar on stderr (redrawn in place on a terminal, plain lines otherwise). */
function progress(label: string, done: number, total: number): void {
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  const line = `${label.padEnd(8)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}${done >= total ? '\n' : ''}`);
  else if (done >= total) process.stderr.write(`${line}\n`);
}

export function amlCommand(): Command {
  const cmd = new Command('aml').description('AML sanctions/PEP lists: import, status, search');
  cmd
    .command('import <files...>')
    .description("replace one database's list from its files (OFAC sdn.csv [+ alt.csv add.csv sdn_comments.csv] or sdn.xml, UN XML, EU XML, UK ConList.csv, OpenSanctions FtM JSON lines; .gz accepted)")
    .option('--database <code>', 'database code (us_ofac, un_sc, eu_fsf, gb_hmt, …); required for OpenSanctions files')
    .option('--snapshot-date <date>', 'publication date of the list, when the file does not state it')
    .option('--partial', "import an incomplete OFAC CSV set anyway (sdn.csv without alt.csv/add.csv loses aliases and addresses)")
    .option('--json', 'print the import summary as JSON')
    .action(async (files: string[], o: { database?: string; snapshotDate?: string; partial?: boolean; json?: boolean }) =>
      withComposition(async ({ deps }) => {
        refusePartialOfacSet(files, o.partial);
        const started = Date.now();
        process.stderr.write(`reading ${files.length} file(s)…\n`);
        const input = files.map((f) => ({ name: path.basename(f), data: fs.readFileSync(f) }));
        const r = await importAmlList(deps, input, {
          database: o.database,
          snapshotDate: o.snapshotDate,
          onProgress: (stage, done, total) => progress(stage, done, total),
        });
        const seconds = Number(((Date.now() - started) / 1000).toFixed(1));
        if (o.json) {
          printRecord(o, { database: r.database, entities: r.entities, persons: r.persons, legal_entities: r.legalEntities, format: r.format, snapshot: r.snapshotDate ?? null, seconds });
          return;
        }
        process.stdout.write(
          `imported ${r.entities} entities into ${r.database} (${r.persons} persons, ${r.legalEntities} legal entities) from ${r.format}` +
            `${r.snapshotDate ? `, snapshot ${r.snapshotDate}` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
        );
      }),
    );
  cmd
    .command('status')
    .description('entity count, snapshot date and age per database; warns (exit code 3) when a list is older than IDGATE_AML_MAX_AGE_DAYS')
    .option('--max-age <days>', 'warn about lists older than this (default IDGATE_AML_MAX_AGE_DAYS, 30)')
    .option('--json', 'JSON output')
    .action(async (o: { maxAge?: string; json?: boolean }) =>
      withComposition(async ({ deps }) => {
        let lists = await deps.aml!.repo.findLists();
        if (!lists.length) {
          await deps.aml!.get(); // imports the bundled snapshots
          lists = await deps.aml!.repo.findLists();
        }
        const maxAge = o.maxAge ? Number(o.maxAge) : deps.config.amlMaxAgeDays;
        const rows = lists.map((l) => {
          const age = listAgeDays(l.snapshot_date, l.imported_at, deps.clock());
          return { database: l.database, entities: l.entity_count, snapshot: l.snapshot_date, age_days: age, stale: age > maxAge, imported: new Date(l.imported_at).toISOString(), source: l.source };
        });
        printRows(o, [
          ['database', (r) => r.database],
          ['entities', (r) => r.entities],
          ['snapshot', (r) => r.snapshot],
          ['age (days)', (r) => `${r.age_days}${r.stale ? ' STALE' : ''}`],
          ['imported', (r) => r.imported],
          ['source', (r) => r.source],
        ], rows);
        const stale = rows.filter((r) => r.stale);
        if (stale.length) {
          process.stderr.write(`warning: ${stale.map((r) => `${r.database} is ${r.age_days} days old`).join(', ')} (more than ${maxAge}); screening misses anyone listed since. Refresh with \`idgate aml update DIR\` (see README, "Keeping AML lists fresh").\n`);
          process.exitCode = EXIT.checkFailed;
        }
      }),
    );
  cmd
    .command('update <dir>')
    .description('import every list found in DIR (OFAC CSV set or sdn.xml, UN/EU XML, UK ConList.csv, OpenSanctions FtM); for a cron job after downloading the files')
    .option('--json', 'JSON output')
    .action(async (dir: string, o: { json?: boolean }) =>
      withComposition(async ({ deps }) => {
        const groups = listGroups(dir);
        if (groups.length === 0) throw new Error(`no list files in ${dir}`);
        const results: Array<{ files: string; database: string | null; entities: number | null; snapshot: string | null; error: string | null }> = [];
        for (const g of groups) {
          try {
            refusePartialOfacSet(g, false);
            const r = await importAmlList(deps, g.map((f) => ({ name: path.basename(f), data: fs.readFileSync(f) })), { onProgress: (stage, done, total) => progress(stage, done, total) });
            results.push({ files: g.map((f) => path.basename(f)).join('+'), database: r.database, entities: r.entities, snapshot: r.snapshotDate ?? null, error: null });
          } catch (e) {
            results.push({ files: g.map((f) => path.basename(f)).join('+'), database: null, entities: null, snapshot: null, error: (e as Error).message });
          }
        }
        printRows(o, [
          ['files', (r) => r.files],
          ['database', (r) => r.database],
          ['entities', (r) => r.entities],
          ['snapshot', (r) => r.snapshot],
          ['error', (r) => r.error],
        ], results);
        if (results.some((r) => r.error)) process.exitCode = EXIT.error;
      }),
    );
  cmd
    .command('search <name>')
    .description('screen a name (and optionally a document number, birth date, country)')
    .option('--document <number>', 'document number')
    .option('--dob <date>', 'birth date: YYYY-MM-DD, YYYY-MM or YYYY')
    .option('--country <iso2>', 'nationality, ISO alpha-2')
    .option('--database <codes>', 'comma-separated database codes')
    .option('--entity <type>', 'person or legalentity')
    .option('--strict', 'only entities with the same nationality and birth date', false)
    .option('--threshold <score>', 'minimum score, 0.5–1', '0.85')
    .option('--json', 'print the full records as JSON', false)
    .action(async (name: string, o: { document?: string; dob?: string; country?: string; database?: string; entity?: string; strict: boolean; threshold: string; json: boolean }) =>
      withComposition(async ({ deps }) => {
        const items = await screenPerson(
          deps,
          { fullName: name, documentNumber: o.document, dob: o.dob, nationality: o.country?.toUpperCase(), entity: o.entity === 'person' ? 'person' : o.entity ? 'legalentity' : undefined },
          { databases: o.database?.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean), strict: o.strict, threshold: Number(o.threshold) },
        );
        if (o.json) {
          process.stdout.write(`${JSON.stringify({ items }, null, 2)}\n`);
          return;
        }
        if (!items.length) {
          process.stdout.write('no match\n');
          return;
        }
        printRows(o, [
          ['score', (i) => i.score.toFixed(3)],
          ['database', (i) => i.database],
          ['entity', (i) => i.entity],
          ['name', (i) => i.fullname[0] ?? ''],
          ['matched', (i) => `${i.matched.fields.join('+')}${i.matched.name ? ` ${i.matched.name}` : ''}`],
          ['why', (i) => i.matched.tokens?.map((t) => `${t.query}~${t.listed} ${t.similarity}`).join(', ') ?? i.matched.documentnumber ?? ''],
        ], items);
      }),
    );
  return cmd;
}
