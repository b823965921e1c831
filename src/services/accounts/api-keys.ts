import { createHash } from 'node:crypto';
import type { ServiceDeps } from '../deps.ts';
import type { Account, ApiKeyRow } from '../../database/repositories/accounts-repository.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';

type Deps = Pick<ServiceDeps, 'accounts' | 'clock' | 'randomBytes'>;

/** Keys are random (192 bits), so one SHA-256 is enough to store them safely. */
export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

const newId = (deps: Deps, prefix: string) => `${prefix}_${deps.randomBytes(9).toString('base64url')}`;

export async function createAccount(deps: Deps, name: string): Promise<Account> {
  const account: Account = {
    id: newId(deps, 'acc'),
    name,
    callback_secret: deps.randomBytes(32).toString('hex'),
    webhook_secret: `whsec_${deps.randomBytes(24).toString('base64')}`,
    created_at: deps.clock(),
  };
  await deps.accounts.insertAccount(account);
  return account;
}

/** Creates a key (and a new account unless one is named); the plain key is returned once, never stored. */
export async function createApiKey(deps: Deps, opts: { name: string; accountId?: string; key?: string }): Promise<{ key: string; row: ApiKeyRow }> {
  let accountId = opts.accountId;
  if (accountId) {
    if (!(await deps.accounts.getAccount(accountId))) throw new DomainError(ErrorCode.InvalidValue, `Unknown account ${accountId}`);
  } else {
    accountId = (await createAccount(deps, opts.name)).id;
  }
  const key = opts.key ?? `idg_${deps.randomBytes(24).toString('base64url')}`;
  const row: ApiKeyRow = {
    id: newId(deps, 'key'),
    account_id: accountId,
    name: opts.name,
    key_hash: hashApiKey(key),
    key_prefix: key.slice(0, 8),
    created_at: deps.clock(),
    revoked_at: null,
  };
  await deps.accounts.insertKey(row);
  return { key, row };
}

export async function authenticateApiKey(deps: Pick<ServiceDeps, 'accounts'>, key: unknown): Promise<Account & { keyId: string }> {
  if (typeof key !== 'string' || key.length === 0) throw new DomainError(ErrorCode.InvalidApiKey, 'Missing API key');
  const found = await deps.accounts.findActiveAccountByKeyHash(hashApiKey(key));
  if (!found) throw new DomainError(ErrorCode.InvalidApiKey, 'Invalid API key');
  const { key_id, ...account } = found;
  return { ...account, keyId: key_id };
}

/**
 * At start: IDGATE_BOOTSTRAP_API_KEY makes sure that exact key exists; otherwise, when no key
 * exists at all, one is created and returned so the caller can print it once.
 */
export async function ensureStartupKey(deps: Deps, bootstrapKey: string | undefined): Promise<{ created?: string }> {
  if (bootstrapKey) {
    const existing = await deps.accounts.findKeyByHash(hashApiKey(bootstrapKey));
    if (!existing) await createApiKey(deps, { name: 'bootstrap', key: bootstrapKey });
    return {};
  }
  if ((await deps.accounts.countActiveKeys()) > 0) return {};
  const { key } = await createApiKey(deps, { name: 'default' });
  return { created: key };
}
