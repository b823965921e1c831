import { Command } from 'commander';
import { withComposition } from './cli-context.ts';
import { EXIT, isoTime, printRecord, printRows } from './cli-output.ts';
import { cliListingRepository, getSessionForCli, type SessionSummary } from '../database/repositories/cli-listing-repository.ts';
import { listDeliveries } from '../services/callbacks/callback-delivery.ts';

const outcome = (s: SessionSummary) => (s.outcome_success === null ? null : s.outcome_success ? 'success' : `failed (failcode ${s.outcome_failcode ?? '-'})`);

/** `idgate sessions list|show`: what happened to a session, without the portal or a callback. */
export function sessionsCommand(): Command {
  const cmd = new Command('sessions').description('list sessions and show one (state, outcome, callbacks); no personal data');
  cmd
    .command('list')
    .description('the most recent sessions, newest first')
    .option('--account <id>', 'only this account')
    .option('--state <state>', 'only this state (created, capturing, verifying, succeeded, failed, expired, …)')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'JSON output')
    .action(async (o: { account?: string; state?: string; limit: string; json?: boolean }) =>
      withComposition(async ({ database }) => {
        const rows = await cliListingRepository(database.db).findRecentSessions({ accountId: o.account, state: o.state, limit: Math.max(1, Math.min(1000, Number(o.limit) || 20)) });
        printRows(o, [
          ['reference', (r) => r.reference],
          ['kind', (r) => (r.kind === 'verification' ? `verify/${r.type}` : 'sign')],
          ['state', (r) => r.state],
          ['outcome', outcome],
          ['created', (r) => isoTime(r.created_at)],
          ['expires', (r) => isoTime(r.expires_at)],
          ['account', (r) => r.account_id],
        ], rows);
      }),
    );
  cmd
    .command('show <reference>')
    .description('one session with its callback deliveries; exit code 3 when the session failed')
    .option('--json', 'JSON output')
    .action(async (reference: string, o: { json?: boolean }) =>
      withComposition(async ({ deps, database }) => {
        const s = await getSessionForCli(database.db, reference);
        const ref = s.reference;
        const deliveries = (await listDeliveries(deps, s.account_id, ref)).items.map(({ log, ...d }) => ({ ...d, last: log.at(-1) ?? null }));
        const record = {
          reference: s.reference,
          account: s.account_id,
          kind: s.kind,
          type: s.type,
          state: s.state,
          outcome: outcome(s),
          attempts: s.attempts,
          parent: s.parent_reference,
          created: isoTime(s.created_at),
          updated: isoTime(s.updated_at),
          expires: isoTime(s.expires_at),
        };
        if (o.json) printRecord(o, { ...record, deliveries });
        else {
          printRecord({}, record);
          process.stdout.write('\ncallback deliveries:\n');
          printRows({}, [
            ['id', (d) => d.id],
            ['state', (d) => d.state],
            ['attempts', (d) => d.attempts],
            ['last status', (d) => d.last?.status ?? d.last?.error ?? null],
            ['next attempt', (d) => d.next_attempt],
          ], deliveries);
        }
        if (s.outcome_success === 0) process.exitCode = EXIT.checkFailed;
      }),
    );
  return cmd;
}
