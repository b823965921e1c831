import { Command } from 'commander';
import { withComposition } from './cli-context.ts';
import { erasureColumns } from './erase.ts';
import { printRecord, printRows } from './cli-output.ts';
import { policyFor, runRetentionSweep, setAccountPolicy } from '../services/privacy/retention-sweep.ts';
import { formatDuration, parseDuration } from '../domain/privacy/duration.ts';

const show = (s: number | undefined) => (s === undefined ? 'keep' : formatDuration(s));

function durationOrDefault(v: string | undefined, name: string): number | null | undefined {
  if (v === undefined) return undefined;
  if (v === 'default') return null;
  const s = parseDuration(v);
  if (s === undefined) throw new Error(`${name}: a duration such as 90d, 12h, 30s, or "default"`);
  return s;
}

function printPolicy(o: { json?: boolean }, p: { retentionSeconds?: number; recordRetentionSeconds?: number; verifyThenForget: boolean }): void {
  if (o.json) printRecord(o, { retention_seconds: p.retentionSeconds ?? null, record_retention_seconds: p.recordRetentionSeconds ?? null, verify_then_forget: p.verifyThenForget });
  else printRecord(o, { retention: show(p.retentionSeconds), 'record retention': show(p.recordRetentionSeconds), 'verify-then-forget': p.verifyThenForget ? 'on' : 'off' });
}

/** `idgate retention run|show|set`: the retention sweep now, and per-account policies. */
export function retentionCommand(): Command {
  const cmd = new Command('retention').description('retention of personal data (IDGATE_RETENTION, IDGATE_RECORD_RETENTION, per-account policies)');
  cmd
    .command('run')
    .description('erase now what retention says is due, and print it')
    .option('--json', 'JSON output')
    .action(async (o: { json?: boolean }) =>
      withComposition(async ({ deps }) => {
        const done = await runRetentionSweep(deps, { actor: 'cli:retention-run' });
        printRows(o, [['reference', (d) => d.reference], ['reason', (d) => d.reason], ...erasureColumns], done);
        if (!o.json) process.stdout.write(`${done.length} sessions erased\n`);
      }),
    );
  cmd
    .command('show')
    .description("an account's effective policy")
    .requiredOption('--account <id>', 'account id')
    .option('--json', 'JSON output')
    .action(async (o: { account: string; json?: boolean }) =>
      withComposition(async ({ deps }) => {
        printPolicy(o, await policyFor(deps, o.account));
      }),
    );
  cmd
    .command('set')
    .description("set an account's policy (\"default\" = the instance setting)")
    .requiredOption('--account <id>', 'account id')
    .option('--retention <duration>', 'e.g. 90d, or default')
    .option('--record-retention <duration>', 'e.g. 5y, or default')
    .option('--verify-then-forget <on|off>', 'forget personal data once the callback is out, for every session')
    .option('--json', 'JSON output')
    .action(async (o: { account: string; retention?: string; recordRetention?: string; verifyThenForget?: string; json?: boolean }) =>
      withComposition(async ({ deps }) => {
        if (!(await deps.accounts.getAccount(o.account))) throw new Error(`no account ${o.account}`);
        if (o.verifyThenForget !== undefined && !['on', 'off'].includes(o.verifyThenForget)) throw new Error('--verify-then-forget: on or off');
        const p = await setAccountPolicy(deps, o.account, {
          retentionSeconds: durationOrDefault(o.retention, '--retention'),
          recordRetentionSeconds: durationOrDefault(o.recordRetention, '--record-retention'),
          verifyThenForget: o.verifyThenForget === undefined ? undefined : o.verifyThenForget === 'on',
        });
        printPolicy(o, p);
      }),
    );
  return cmd;
}
