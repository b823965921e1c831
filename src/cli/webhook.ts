import { Command } from 'commander';
import { withComposition } from './cli-context.ts';
import { defaultAccountId, printRecord } from './cli-output.ts';
import { DEFAULT_OVERLAP_HOURS, getWebhookSecret, rotateWebhookSecret } from '../services/callbacks/webhook-secret.ts';

export function webhookCommand(): Command {
  const cmd = new Command('webhook').description('callback signing (Standard Webhooks)');
  cmd
    .command('secret')
    .description("print the account's signing secret (whsec_…); --rotate makes a new one, callbacks carry both signatures during the overlap")
    .option('--account <id>', 'account (default: the first account)')
    .option('--rotate', 'replace the secret')
    .option('--overlap <hours>', `with --rotate: hours the old secret still signs (default ${DEFAULT_OVERLAP_HOURS})`)
    .option('--json', 'JSON output')
    .action(async (o: { account?: string; rotate?: boolean; overlap?: string; json?: boolean }) =>
      withComposition(async ({ deps }) => {
        const accountId = await defaultAccountId(deps, o.account);
        const overlapHours = o.overlap === undefined ? undefined : Number(o.overlap);
        const view = o.rotate ? await rotateWebhookSecret(deps, accountId, { overlapHours }) : await getWebhookSecret(deps, accountId);
        if (o.json) return printRecord(o, { account: accountId, ...view });
        // The secret alone on the first line, so `$(idgate webhook secret | head -1)` works.
        process.stdout.write(`${view.secret}\n`);
        printRecord({}, {
          account: accountId,
          previous: view.previous ? `${view.previous.secret} (still signs until ${view.previous.valid_until})` : null,
          rotated: view.rotated_at,
        });
      }),
    );
  return cmd;
}
