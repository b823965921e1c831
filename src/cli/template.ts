import fs from 'node:fs/promises';
import { Command } from 'commander';
import { withComposition } from './cli-context.ts';
import { addTemplate, resolveAccountForCli } from '../services/templates.ts';

export function templateCommand(): Command {
  const cmd = new Command('template').description('manage contract templates');
  cmd
    .command('add <file>')
    .description('store an HTML template; prints its id on the last line')
    .requiredOption('--name <name>', 'template name')
    .option('--account <id>', 'owning account (needed when several exist)')
    .action(async (file: string, o: { name: string; account?: string }) =>
      withComposition(async ({ deps }) => {
        const html = await fs.readFile(file, 'utf8');
        const accountId = await resolveAccountForCli(deps, o.account);
        const { id } = await addTemplate(deps, accountId, o.name, html);
        process.stdout.write(`${id}\n`);
      }),
    );
  cmd
    .command('list')
    .description('list templates')
    .action(async () =>
      withComposition(async ({ deps }) => {
        for (const t of await deps.templates.findAllLatest()) process.stdout.write(`${t.id}\tv${t.version}\t${t.account_id}\t${t.name}\n`);
      }),
    );
  return cmd;
}
