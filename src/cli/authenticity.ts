import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../config/load-config.ts';
import { printRecord } from './cli-output.ts';

const collect = (v: string, prev: string[]) => [...prev, v];

/**
 * `idgate authenticity add-known FILE`: records a public/specimen document image (its perceptual
 * hashes, and names/numbers when given) in DATA_DIR/authenticity/known-documents.json, which the
 * publicity check reads beside the shipped database.
 */
export function authenticityCommand(): Command {
  const cmd = new Command('authenticity').description('document authenticity tools');
  cmd
    .command('add-known <file>')
    .description('add a known public or specimen document to the publicity database')
    .option('--id <id>', 'identifier of the entry (default: the file name)')
    .option('--source <text>', 'where the document was published', 'added with idgate authenticity add-known')
    .option('--name <name>', 'a specimen holder name, surname first (repeatable)', collect, [])
    .option('--number <number>', 'a specimen document number (repeatable)', collect, [])
    .option('--data-dir <dir>', 'data directory (default: IDGATE_DATA_DIR)')
    .option('--json', 'JSON output')
    .action(async (file: string, o: { id?: string; source: string; name: string[]; number: string[]; dataDir?: string; json?: boolean }) => {
      const { knownEntryFor, mergeKnownEntry } = await import('../engines/authenticity/known-entry.ts');
      const { knownDocumentsFile, readKnownFile } = await import('../engines/authenticity/known-documents.ts');
      const dataDir = o.dataDir ? path.resolve(o.dataDir) : loadConfig().dataDir;
      const id = o.id ?? path.basename(file);
      const entry = await knownEntryFor(fs.readFileSync(file), { id, source: o.source, names: o.name, numbers: o.number });
      const target = knownDocumentsFile(dataDir);
      const current = fs.existsSync(target) ? readKnownFile(target) : { specimenWords: [], specimenIssuers: [], documents: [], imageHashes: [] };
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, `${JSON.stringify(mergeKnownEntry(current, entry, id), null, 2)}\n`);
      fs.renameSync(tmp, target);
      printRecord(o, { file: target, id, hashes: entry.hashes.map((h) => h.dhash), document: entry.document ?? null });
    });
  return cmd;
}
