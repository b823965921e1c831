import { Command } from 'commander';
import { withComposition } from './cli-context.ts';
import { createApiKey } from '../services/api-keys.ts';

export function apikeyCommand(): Command {
  const cmd = new Command('apikey').description('manage API keys');
  cmd
    .command('create')
    .description('create a key (and a new account unless --account is given); the key is the last line')
    .requiredOption('--name <name>', 'a name for the key')
    .option('--account <id>', 'add the key to an existing account')
    .action(async (o: { name: string; account?: string }) =>
      withComposition(async ({ deps }) => {
        const { key, row } = await createApiKey(deps, { name: o.name, accountId: o.account });
        process.stdout.write(`id: ${row.id}\naccount: ${row.account_id}\n${key}\n`);
      }),
    );
  cmd
    .command('list')
    .description('list keys (never the keys themselves)')
    .action(async () =>
      withComposition(async ({ deps }) => {
        for (const k of await deps.accounts.findKeys()) {
          const state = k.revoked_at ? `revoked ${new Date(k.revoked_at).toISOString()}` : 'active';
          process.stdout.write(`${k.id}\t${k.account_id}\t${k.key_prefix}…\t${k.name}\t${new Date(k.created_at).toISOString()}\t${state}\n`);
        }
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
