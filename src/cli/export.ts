import fs from 'node:fs';
import { Command } from 'commander';
import { withComposition } from './cli-context.ts';
import { readEraseTarget } from '../services/privacy/erase-session.ts';
import { exportSubject } from '../services/privacy/export-subject.ts';
import { printRecord } from './cli-output.ts';

/** `idgate export --reference REF | --customid ID --out FILE`: subject access, as one ZIP. */
export function exportCommand(): Command {
  return new Command('export')
    .description('write everything held about a reference or custom id to a ZIP (export.json and the images)')
    .option('--reference <ref>', 'DocuPass reference (its reusable-link children too)')
    .option('--customid <id>', 'every session created with this custom id')
    .option('--account <id>', 'only sessions of this account (default: any account)')
    .requiredOption('--out <file>', 'the ZIP to write (mode 0600)')
    .option('--json', 'JSON output')
    .action(async (o: { reference?: string; customid?: string; account?: string; out: string; json?: boolean }) =>
      withComposition(async ({ deps }) => {
        const { zip, summary } = await exportSubject(deps, o.account, readEraseTarget(o));
        fs.writeFileSync(o.out, zip, { mode: 0o600 });
        printRecord(o, { wrote: o.out, sessions: summary.sessions, files: summary.files, vault_entries: summary.vault_entries, bytes: zip.length });
      }),
    );
}
