import { Command } from 'commander';
import { withComposition } from './cli-context.ts';
import { createOperator, disableOperator, resetOperator, ROLES } from '../services/portal/operators.ts';
import { portalDeps } from '../services/portal/portal-deps.ts';

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
    .action(async (email: string, o: { role: string; account?: string; passwordStdin?: boolean }) => {
      const password = o.passwordStdin ? await readStdin() : undefined;
      await withComposition(async ({ deps }) => {
        const { operator, setupLink } = await createOperator(portalDeps(deps), { email, role: o.role, accountId: o.account, password });
        process.stdout.write(`operator: ${operator.email}\nrole: ${operator.role}\naccount: ${operator.account_id}\n`);
        if (setupLink) process.stdout.write(`set-up link (valid 24 h, once):\n${setupLink}\n`);
        else process.stdout.write('password: set (no set-up link needed)\n');
      });
    });
  cmd
    .command('list')
    .description('list operators (never secrets)')
    .action(async () =>
      withComposition(async ({ deps }) => {
        for (const op of await portalDeps(deps).portal.operators.findAll()) {
          const state = op.disabled ? 'disabled' : op.locked_until && op.locked_until > Date.now() ? 'locked' : op.password_hash ? 'active' : 'awaiting set-up';
          process.stdout.write(`${op.email}\t${op.role}\t${op.account_id}\t${state}\t2fa:${op.totp_enabled ? 'on' : 'off'}\t${op.last_login_at ? new Date(op.last_login_at).toISOString() : 'never'}\n`);
        }
      }),
    );
  cmd
    .command('disable <email>')
    .description('disable an operator and end all their sessions')
    .action(async (email: string) =>
      withComposition(async ({ deps }) => {
        const op = await disableOperator(portalDeps(deps), email);
        process.stdout.write(`disabled ${op.email}\n`);
      }),
    );
  cmd
    .command('reset <email>')
    .description('clear password and second factor, end sessions, lift a lock; prints a new set-up link')
    .action(async (email: string) =>
      withComposition(async ({ deps }) => {
        const { operator, setupLink } = await resetOperator(portalDeps(deps), email);
        process.stdout.write(`reset ${operator.email}\nset-up link (valid 24 h, once):\n${setupLink}\n`);
      }),
    );
  return cmd;
}
