import type { ServiceDeps } from '../deps.ts';
import type { Account } from '../../database/repositories/accounts-repository.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';

type Deps = Pick<ServiceDeps, 'accounts' | 'webhookSecrets' | 'clock' | 'randomBytes'>;

/** How long callbacks stay signed with the old secret too, unless the caller says otherwise. */
export const DEFAULT_OVERLAP_HOURS = 24;
export const MAX_OVERLAP_HOURS = 24 * 30;

export type WebhookSecretView = {
  /** The secret receivers verify with (`whsec_` + base64 of 24 random bytes). */
  secret: string;
  /** The secret before the last rotation while callbacks still carry its signature too. */
  previous: { secret: string; valid_until: string } | null;
  rotated_at: string | null;
};

const iso = (t: number) => new Date(t).toISOString();

async function requireAccount(deps: Deps, accountId: string): Promise<Account> {
  const account = await deps.accounts.getAccount(accountId);
  if (!account) throw new DomainError(ErrorCode.InvalidValue, `Unknown account \`${accountId}\``);
  return account;
}

/** The account's Standard Webhooks signing secret, and the previous one during an overlap. */
export async function getWebhookSecret(deps: Deps, accountId: string): Promise<WebhookSecretView> {
  const account = await requireAccount(deps, accountId);
  const rotation = await deps.webhookSecrets.getRotation(accountId);
  const live = rotation && rotation.previous_valid_until > deps.clock() ? rotation : undefined;
  return {
    secret: account.webhook_secret,
    previous: live ? { secret: live.previous_secret, valid_until: iso(live.previous_valid_until) } : null,
    rotated_at: rotation ? iso(rotation.rotated_at) : null,
  };
}

/**
 * A new signing secret. For `overlapHours` callbacks carry signatures with both the new and the
 * old secret (space-separated in `webhook-signature`, as Standard Webhooks allows), so a receiver
 * can switch to the new secret at any point in that window without rejecting a callback.
 * Rotating again inside the window drops the oldest secret.
 */
export async function rotateWebhookSecret(deps: Deps, accountId: string, opts: { overlapHours?: number } = {}): Promise<WebhookSecretView> {
  const overlap = opts.overlapHours ?? DEFAULT_OVERLAP_HOURS;
  if (!Number.isFinite(overlap) || overlap < 0 || overlap > MAX_OVERLAP_HOURS) {
    throw new DomainError(ErrorCode.InvalidValue, `\`overlap_hours\` must be between 0 and ${MAX_OVERLAP_HOURS}`);
  }
  for (let tries = 0; tries < 3; tries++) {
    const account = await requireAccount(deps, accountId);
    const next = `whsec_${deps.randomBytes(24).toString('base64')}`;
    const now = deps.clock();
    if (await deps.webhookSecrets.rotate(accountId, account.webhook_secret, next, now + overlap * 3600_000, now)) return getWebhookSecret(deps, accountId);
  }
  throw new DomainError(ErrorCode.InvalidValue, 'The webhook secret was rotated by another request at the same time; try again');
}

/** The secrets a callback is signed with right now: the current one first, then the previous while it overlaps. */
export async function webhookSigningSecrets(deps: Pick<ServiceDeps, 'webhookSecrets' | 'clock'>, account: Pick<Account, 'id' | 'webhook_secret'>): Promise<string[]> {
  const rotation = await deps.webhookSecrets.getRotation(account.id);
  if (!rotation || rotation.previous_valid_until <= deps.clock() || rotation.previous_secret === account.webhook_secret) return [account.webhook_secret];
  return [account.webhook_secret, rotation.previous_secret];
}
