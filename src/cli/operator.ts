import { Command } from 'commander';
import { withComposition } from './cli-context.ts';
import { createOperator, disableOperator, resetOperator, ROLES } from '../services/portal/operators.ts';
import { portalDeps } from '../services/portal/portal-deps.ts';
import { isoTime, printRecord, printRows } from './cli-output.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  // One trailing newline (from echo or a here-string) is not part of the password.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/**
 * Portal operators. No credentials are ever seeded: `create` prints a one-time set-up link
 * (valid 24 h) on its last line; `--password-stdin` sets the password directly for automation.
 */
export function operatorCommand(): Command {
  const cmd = new Command('operator').description('manage portal operators (admin, reviewer, viewer, developer)');
  cmd
    .command('create <email>')
    .description('create an operator; the one-time set-up link (24 h) is the last line')
    .requiredOption('--role <role>', ROLES.join('|'))
    .option('--account <id>', 'the account (tenant) the operator belongs to (default: the first account)')
    .option('--password-stdin', 'read the password from standard input (automation); no set-up link is issued')
    .option('--json', 'JSON output ({operator, role, account, setup_link})')
    .action(async (email: string, o: { role: string; account?: string; passwordStdin?: boolean; json?: boolean }) => {
      const password = o.passwordStdin ? await readStdin() : undefined;
      await withComposition(async ({ deps }) => {
        const { operator, setupLink } = await createOperator(portalDeps(deps), { email, role: o.role, accountId: o.account, password });
        if (o.json) return printRecord(o, { operator: operator.email, role: operator.role, account: operator.account_id, setup_link: setupLink ?? null });
        printRecord(o, { operator: operator.email, role: operator.role, account: operator.account_id });
        if (setupLink) process.stdout.write(`set-up link (valid 24 h, once):\n${setupLink}\n`);
        else process.stdout.write('password: set (no set-up link needed)\n');
      });
    });
  cmd
    .command('list')
    .description('list operators (never secrets)')
    .option('--json', 'JSON output')
    .action(async (o: { json?: boolean }) =>
      withComposition(async ({ deps }) => {
        const rows = (await portalDeps(deps).portal.operators.findAll()).map((op) => ({
          email: op.email,
          role: op.role,
          account: op.account_id,
          state: op.disabled ? 'disabled' : op.locked_until && op.locked_until > Date.now() ? 'locked' : op.password_hash ? 'active' : 'awaiting set-up',
          two_factor: Boolean(op.totp_enabled),
          last_login: isoTime(op.last_login_at),
        }));
        printRows(o, [
          ['email', (r) => r.email],
          ['role', (r) => r.role],
          ['account', (r) => r.account],
          ['state', (r) => r.state],
          ['2fa', (r) => (r.two_factor ? 'on' : 'off')],
          ['last login', (r) => r.last_login ?? 'never'],
        ], rows);
      }),
    );
  cmd
    .command('disable <email>')
    .description('disable an operator and end all their sessions')
    .option('--json', 'JSON output')
    .action(async (email: string, o: { json?: boolean }) =>
      withComposition(async ({ deps }) => {
        const op = await disableOperator(portalDeps(deps), email);
        printRecord(o, { disabled: op.email });
      }),
    );
  cmd
    .command('reset <email>')
    .description('clear password and second factor, end sessions, lift a lock; prints a new set-up link (the last line)')
    .option('--json', 'JSON output ({reset, setup_link})')
    .action(async (email: string, o: { json?: boolean }) =>
      withComposition(async ({ deps }) => {
        const { operator, setupLink } = await resetOperator(portalDeps(deps), email);
        if (o.json) return printRecord(o, { reset: operator.email, setup_link: setupLink });
        process.stdout.write(`reset ${operator.email}\nset-up link (valid 24 h, once):\n${setupLink}\n`);
      }),
    );
  return cmd;
}
