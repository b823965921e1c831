import os from 'node:os';
import { Command } from 'commander';
import { withComposition } from './cli-context.ts';
import { eraseSessions, readEraseTarget } from '../services/privacy/erase-session.ts';
import { type Cell, printRows } from './cli-output.ts';

/** `idgate erase --reference REF | --customid ID [--account ID]`: erasure on request, from the operator's shell. */
export function eraseCommand(): Command {
  return new Command('erase')
    .description("erase every personal datum of a session (files, vault entry, callback payloads, phone, contract); the non-personal record stays")
    .option('--reference <ref>', 'DocuPass reference (its reusable-link children too)')
    .option('--customid <id>', 'every session created with this custom id')
    .option('--account <id>', 'only sessions of this account (default: any account)')
    .option('--json', 'JSON output')
    .action(async (o: { reference?: string; customid?: string; account?: string; json?: boolean }) =>
      withComposition(async ({ deps }) => {
        const target = readEraseTarget(o);
        const { erased } = await eraseSessions(deps, o.account, target, { actor: `cli:${os.userInfo().username}`, reason: 'request' });
        printRows(o, [['reference', (e) => e.reference], ['result', (e) => (e.already ? 'already erased' : 'erased')], ...erasureColumns], erased);
      }),
    );
}

type Erasure = { files: number; vault_entries: number; vault_images: number; callback_payloads: number; verification_results: number; phone_number: boolean; data_keys_destroyed: number; level: string };

/** The columns of an erasure, shared with `retention run`. */
export const erasureColumns: Array<[string, (e: Erasure) => Cell]> = [
  ['level', (e) => e.level],
  ['files', (e) => e.files],
  ['vault entries', (e) => e.vault_entries],
  ['vault images', (e) => e.vault_images],
  ['callback payloads', (e) => e.callback_payloads],
  ['results', (e) => e.verification_results],
  ['phone', (e) => (e.phone_number ? 'yes' : 'no')],
  ['keys destroyed', (e) => e.data_keys_destroyed],
];

export function describe(e: { files: number; vault_entries: number; vault_images: number; callback_payloads: number; verification_results: number; phone_number: boolean; data_keys_destroyed: number; level: string }): string {
  return `${e.level}; ${e.files} files, ${e.vault_entries} vault entries, ${e.vault_images} vault images, ${e.callback_payloads} callback payloads, ${e.verification_results} verification results, phone ${e.phone_number ? 'yes' : 'no'}, ${e.data_keys_destroyed} data keys destroyed`;
}
