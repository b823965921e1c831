import fs from 'node:fs/promises';
import { Command } from 'commander';
import { withComposition } from './cli-context.ts';
import { printRecord, printRows } from './cli-output.ts';
import { addTemplate, findTemplates, getTemplate, removeTemplate, resolveAccountForCli, updateTemplate } from '../services/contracts/templates.ts';

/** Warnings go to stderr so the id stays the last line of stdout for scripts. */
function reportWarnings(t: { unknown_placeholders: string[]; removed: string[] }): void {
  if (t.removed.length) process.stderr.write(`sanitised: removed ${t.removed.join('; ')}\n`);
  if (t.unknown_placeholders.length) {
    process.stderr.write(`unknown placeholders (not ID or system fields; fill them with contract_prefill_data): ${t.unknown_placeholders.map((p) => `%{${p}}`).join(', ')}\n`);
  }
}


export function templateCommand(): Command {
  const cmd = new Command('template').description('manage contract templates');
  cmd
    .command('add <file>')
    .description('store an HTML template; prints its id on the last line')
    .requiredOption('--name <name>', 'template name')
    .option('--account <id>', 'owning account (needed when several exist)')
    .option('--json', 'print the stored template (id, version, placeholders) as JSON')
    .action(async (file: string, o: { name: string; account?: string; json?: boolean }) =>
      withComposition(async ({ deps }) => {
        const html = await fs.readFile(file, 'utf8');
        const accountId = await resolveAccountForCli(deps, o.account);
        const t = await addTemplate(deps, accountId, o.name, html);
        reportWarnings(t);
        if (o.json) printRecord(o, { id: t.id, version: t.version, unknown_placeholders: t.unknown_placeholders, removed: t.removed });
        else process.stdout.write(`${t.id}\n`);
      }),
    );
  cmd
    .command('update <id> <file>')
    .description('store a new version of a template; prints the new version on the last line')
    .option('--name <name>', 'new name')
    .option('--account <id>', 'owning account (needed when several exist)')
    .option('--json', 'print the stored version (id, version, placeholders) as JSON')
    .action(async (id: string, file: string, o: { name?: string; account?: string; json?: boolean }) =>
      withComposition(async ({ deps }) => {
        const html = await fs.readFile(file, 'utf8');
        const accountId = o.account ?? (await deps.templates.getLatestAnyAccount(id))?.account_id ?? (await resolveAccountForCli(deps, undefined));
        const t = await updateTemplate(deps, accountId, id, { html, name: o.name });
        reportWarnings(t);
        if (o.json) printRecord(o, { id: t.id, version: t.version, unknown_placeholders: t.unknown_placeholders, removed: t.removed });
        else process.stdout.write(`${t.version}\n`);
      }),
    );
  cmd
    .command('list')
    .description('list templates (latest version of each)')
    .option('--account <id>', 'only this account')
    .option('--json', 'JSON output')
    .action(async (o: { account?: string; json?: boolean }) =>
      withComposition(async ({ deps }) => {
        const rows = (await findTemplates(deps, o.account)).map((t) => ({ id: t.id, version: t.version, account: t.account_id, name: t.name }));
        printRows(o, [
          ['id', (r) => r.id],
          ['version', (r) => r.version],
          ['account', (r) => r.account],
          ['name', (r) => r.name],
        ], rows);
      }),
    );
  cmd
    .command('show <id>')
    .description('print a template: a header, a blank line, then its sanitised HTML')
    .option('--version <n>', 'a given version instead of the latest')
    .option('--json', 'JSON output (the header fields and the html)')
    .action(async (id: string, o: { version?: string; json?: boolean }) =>
      withComposition(async ({ deps }) => {
        const row = await deps.templates.getLatestAnyAccount(id);
        if (!row) throw new Error(`no template ${id}`);
        const t = await getTemplate(deps, row.account_id, id, o.version ? Number(o.version) : undefined);
        if (o.json) {
          printRecord(o, { id: t.id, version: t.version, name: t.name, account: t.account_id, created: new Date(t.created_at).toISOString(), placeholders: t.placeholders, unknown_placeholders: t.unknown_placeholders, html: t.html });
          return;
        }
        process.stdout.write(
          `id: ${t.id}\nversion: ${t.version}\nname: ${t.name}\naccount: ${t.account_id}\ncreated: ${new Date(t.created_at).toISOString()}\n` +
            `placeholders: ${t.placeholders.join(', ') || '-'}\nunknown placeholders: ${t.unknown_placeholders.join(', ') || '-'}\n\n${t.html}\n`,
        );
      }),
    );
  cmd
    .command('remove <id>')
    .description('delete a template (every version)')
    .option('--json', 'JSON output')
    .action(async (id: string, o: { json?: boolean }) =>
      withComposition(async ({ deps }) => {
        await removeTemplate(deps, null, id).catch(() => {
          throw new Error(`no template ${id}`);
        });
        printRecord(o, { removed: id });
      }),
    );
  return cmd;
}
