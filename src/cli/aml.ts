import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { withComposition } from './cli-context.ts';
import { importAmlList } from '../services/aml-import.ts';
import { screenPerson } from '../services/aml-screening.ts';

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
    .action(async (files: string[], o: { database?: string; snapshotDate?: string }) =>
      withComposition(async ({ deps }) => {
        const started = Date.now();
        process.stderr.write(`reading ${files.length} file(s)…\n`);
        const input = files.map((f) => ({ name: path.basename(f), data: fs.readFileSync(f) }));
        const r = await importAmlList(deps, input, {
          database: o.database,
          snapshotDate: o.snapshotDate,
          onProgress: (stage, done, total) => progress(stage, done, total),
        });
        process.stdout.write(
          `imported ${r.entities} entities into ${r.database} (${r.persons} persons, ${r.legalEntities} legal entities) from ${r.format}` +
            `${r.snapshotDate ? `, snapshot ${r.snapshotDate}` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
        );
      }),
    );
  cmd
    .command('status')
    .description('entity count and snapshot date per database')
    .action(async () =>
      withComposition(async ({ deps }) => {
        let lists = await deps.aml!.repo.findLists();
        if (!lists.length) {
          await deps.aml!.get(); // imports the bundled snapshots
          lists = await deps.aml!.repo.findLists();
        }
        process.stdout.write('database\tentities\tsnapshot\timported\tsource\n');
        for (const l of lists) {
          process.stdout.write(`${l.database}\t${l.entity_count}\t${l.snapshot_date ?? '-'}\t${new Date(l.imported_at).toISOString()}\t${l.source}\n`);
        }
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
        if (!items.length) process.stdout.write('no match\n');
        for (const i of items) {
          const why = i.matched.tokens?.map((t) => `${t.query}~${t.listed} ${t.similarity}`).join(', ') ?? i.matched.documentnumber ?? '';
          process.stdout.write(`${i.score.toFixed(3)}\t${i.database}\t${i.entity}\t${i.fullname[0] ?? ''}\t[${i.matched.fields.join('+')}] ${i.matched.name ?? ''} ${why ? `(${why})` : ''}\n`);
        }
      }),
    );
  return cmd;
}
