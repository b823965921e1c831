import { Command } from 'commander';
import { withComposition } from './cli-context.ts';
import { EXIT, isoTime, printRecord, printRows } from './cli-output.ts';
import { cliListingRepository, getSessionForCli } from '../database/repositories/cli-listing-repository.ts';
import { attemptDelivery, listDeliveries } from '../services/callbacks/callback-delivery.ts';

/** `idgate deliveries list [REF]` and `idgate deliveries redeliver REF`: the callback delivery log. */
export function deliveriesCommand(): Command {
  const cmd = new Command('deliveries').description('callback deliveries: list them, send one again');
  cmd
    .command('list [reference]')
    .description('recent deliveries (or every attempt of one reference)')
    .option('--account <id>', 'only this account')
    .option('--state <state>', 'pending, delivered or failed')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'JSON output')
    .action(async (reference: string | undefined, o: { account?: string; state?: string; limit: string; json?: boolean }) =>
      withComposition(async ({ deps, database }) => {
        const repo = cliListingRepository(database.db);
        if (reference) {
          const s = await getSessionForCli(database.db, reference);
          const ref = s.reference;
          const attempts = (await listDeliveries(deps, s.account_id, ref)).items.flatMap((d) => d.log.map((a) => ({ delivery: d.id, url: d.url, ...a })));
          return printRows(o, [
            ['delivery', (a) => a.delivery],
            ['attempt', (a) => a.attempt],
            ['trigger', (a) => a.trigger],
            ['time', (a) => a.time],
            ['status', (a) => a.status],
            ['ms', (a) => a.latency_ms],
            ['error', (a) => a.error],
          ], attempts);
        }
        const rows = await repo.findRecentDeliveries({ accountId: o.account, state: o.state, limit: Math.max(1, Math.min(1000, Number(o.limit) || 20)) });
        printRows(o, [
          ['reference', (d) => d.reference],
          ['state', (d) => d.state],
          ['attempts', (d) => d.attempts],
          ['next attempt', (d) => isoTime(d.next_attempt_at)],
          ['created', (d) => isoTime(d.created_at)],
          ['url', (d) => d.url],
        ], rows);
      }),
    );
  cmd
    .command('redeliver <reference>')
    .description("send the reference's latest callback again now, from this process, and print the answer; exit code 3 unless the receiver answered 200")
    .option('--json', 'JSON output')
    .action(async (reference: string, o: { json?: boolean }) =>
      withComposition(async ({ deps, database }) => {
        const s = await getSessionForCli(database.db, reference);
        const ref = s.reference;
        const latest = (await deps.callbacks.findDeliveries(s.account_id, ref)).at(-1);
        if (!latest) throw new Error(`no callback was sent for ${ref} (no callbackurl, or the session has not finished)`);
        await attemptDelivery(deps, { deliveryId: latest.id, trigger: 'manual' });
        const last = (await listDeliveries(deps, s.account_id, ref)).items.find((d) => d.id === latest.id)?.log.at(-1);
        printRecord(o, { reference: ref, delivery: latest.id, url: latest.url, status: last?.status ?? null, error: last?.error ?? null, latency_ms: last?.latency_ms ?? null });
        if (last?.status !== 200) process.exitCode = EXIT.checkFailed;
      }),
    );
  return cmd;
}
