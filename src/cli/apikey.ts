import { Command } from 'commander';
import { withComposition } from './cli-context.ts';
import { defaultAccountId, isoTime, printRecord, printRows } from './cli-output.ts';
import { createAccount, createApiKey } from '../services/accounts/api-keys.ts';

export function apikeyCommand(): Command {
  const cmd = new Command('apikey').description('manage API keys');
  cmd
    .command('create')
    .description('create a key for the first account (or --account ID, or --new-account); the key is the last line')
    .requiredOption('--name <name>', 'a name for the key')
    .option('--account <id>', 'add the key to this account (default: the first account, so it sees the same vault)')
    .option('--new-account', 'make a new, separate account for the key (its own vault, secrets and sessions)')
    .option('--json', 'JSON output ({id, account, key})')
    .action(async (o: { name: string; account?: string; newAccount?: boolean; json?: boolean }) =>
      withComposition(async ({ deps }) => {
        if (o.account && o.newAccount) throw new Error('give either --account or --new-account');
        const hasAccount = (await deps.accounts.findKeys()).length > 0;
        const accountId = o.newAccount || (!o.account && !hasAccount) ? (await createAccount(deps, o.name)).id : await defaultAccountId(deps, o.account);
        const { key, row } = await createApiKey(deps, { name: o.name, accountId });
        if (o.json) return printRecord(o, { id: row.id, account: row.account_id, key });
        process.stdout.write(`id: ${row.id}\naccount: ${row.account_id}\n${key}\n`);
      }),
    );
  cmd
    .command('list')
    .description('list keys (never the keys themselves)')
    .option('--json', 'JSON output')
    .action(async (o: { json?: boolean }) =>
      withComposition(async ({ deps }) => {
        const keys = await deps.accounts.findKeys();
        printRows(o, [
          ['id', (k) => k.id],
          ['account', (k) => k.account_id],
          ['prefix', (k) => `${k.key_prefix}…`],
          ['name', (k) => k.name],
          ['created', (k) => isoTime(k.created_at)],
          ['state', (k) => (k.revoked_at ? `revoked ${isoTime(k.revoked_at)}` : 'active')],
        ], keys.map((k) => ({ id: k.id, account_id: k.account_id, key_prefix: k.key_prefix, name: k.name, created_at: k.created_at, revoked_at: k.revoked_at })));
      }),
    );
  cmd
    .command('revoke <id>')
    .description('revoke a key by id')
    .action(async (id: string) =>
      withComposition(async ({ deps }) => {
        if (!(await deps.accounts.revokeKey(id, deps.clock()))) throw new Error(`no active key with id ${id}`);
        process.stdout.write(`revoked ${id}\n`);
      }),
    );
  return cmd;
}
