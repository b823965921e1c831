import type { ServiceDeps } from './deps.ts';
import { DomainError, ErrorCode } from '../domain/errors.ts';

type Deps = Pick<ServiceDeps, 'templates' | 'accounts' | 'clock' | 'randomBytes'>;

export async function addTemplate(deps: Deps, accountId: string, name: string, html: string): Promise<{ id: string; version: number }> {
  if (!(await deps.accounts.getAccount(accountId))) throw new DomainError(ErrorCode.InvalidValue, `Unknown account ${accountId}`);
  if (!name.trim()) throw new DomainError(ErrorCode.InvalidValue, 'Invalid value for `name`');
  if (!html.trim()) throw new DomainError(ErrorCode.InvalidValue, 'Invalid value for `html`: empty template');
  const id = `tpl_${deps.randomBytes(9).toString('base64url').replace(/[^A-Za-z0-9]/g, 'x')}`;
  await deps.templates.insert({ id, version: 1, account_id: accountId, name: name.trim(), html, created_at: deps.clock(), deleted_at: null });
  return { id, version: 1 };
}

/** The CLI may omit the account when the installation has exactly one. */
export async function resolveAccountForCli(deps: Pick<ServiceDeps, 'accounts'>, accountId: string | undefined): Promise<string> {
  if (accountId) return accountId;
  const ids = [...new Set((await deps.accounts.findKeys()).filter((k) => !k.revoked_at).map((k) => k.account_id))];
  if (ids.length === 1) return ids[0];
  throw new Error(ids.length === 0 ? 'no account yet: create an API key first' : `several accounts exist; pass --account (one of ${ids.join(', ')})`);
}
