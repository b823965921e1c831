import type { FastifyRequest } from 'fastify';
import type { Account } from '../../database/repositories/accounts-repository.ts';
import { authenticateApiKey } from '../../services/accounts/api-keys.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';

/** Fixed one-minute windows per key; enough to stop a runaway client, cheap on the hot path. */
export class RateLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();
  constructor(
    private readonly perMinute: number,
    private readonly clock: () => number,
  ) {}

  hit(id: string): boolean {
    if (this.perMinute === 0) return true;
    const now = this.clock();
    if (now - this.windowStart >= 60_000) {
      this.windowStart = now;
      this.counts.clear();
    }
    const n = (this.counts.get(id) ?? 0) + 1;
    this.counts.set(id, n);
    return n <= this.perMinute;
  }
}

type CachedAccount = Awaited<ReturnType<typeof authenticateApiKey>>;
type AuthDeps = Pick<ServiceDeps, 'accounts' | 'clock' | 'portal' | 'logger'>;
const KEY_CACHE_TTL_MS = 5_000;
const keyCaches = new WeakMap<object, Map<string, { account: CachedAccount; until: number }>>();

/**
 * Known keys are remembered for a few seconds so a burst of requests costs one lookup. A key
 * revoked in this process (the portal) stops at once (`forgetApiKey`); one revoked by another
 * process (the CLI, another instance) stops within KEY_CACHE_TTL_MS. Unknown keys are never cached.
 */
async function cachedAuthenticate(deps: AuthDeps, key: unknown): Promise<CachedAccount> {
  let cache = keyCaches.get(deps);
  if (!cache) keyCaches.set(deps, (cache = new Map()));
  const now = deps.clock();
  const hit = typeof key === 'string' ? cache.get(key) : undefined;
  if (hit && hit.until > now) return hit.account;
  const account = await authenticateApiKey(deps, key);
  if (cache.size > 1000) cache.clear();
  cache.set(key as string, { account, until: now + KEY_CACHE_TTL_MS });
  return account;
}

/** Drops a revoked key from this process's cache: its next request is refused. */
export function forgetApiKey(deps: object, keyId: string): void {
  const cache = keyCaches.get(deps);
  if (!cache) return;
  for (const [key, entry] of cache) if (entry.account.keyId === keyId) cache.delete(key);
}

/** Last write of `api_keys.last_used_at` per key (per process): at most one write a minute per key. */
const LAST_USED_EVERY_MS = 60_000;
const lastUsedWrites = new WeakMap<object, Map<string, number>>();

/** Records when a key was used, off the request's path (not awaited; a failed write is only logged). */
function noteKeyUse(deps: AuthDeps, keyId: string): void {
  const repo = deps.portal?.settings;
  if (!repo) return;
  let written = lastUsedWrites.get(deps);
  if (!written) lastUsedWrites.set(deps, (written = new Map()));
  const now = deps.clock();
  if (now - (written.get(keyId) ?? -Infinity) < LAST_USED_EVERY_MS) return;
  if (written.size > 10_000) written.clear();
  written.set(keyId, now);
  setImmediate(() => {
    repo.touchKey(keyId, now).catch((err: unknown) => deps.logger.warn({ err }, 'api key last-used time not recorded'));
  });
}

/** The key comes in the body (as the official client sends it), or in an `X-API-Key` header. */
export async function requireAccount(deps: AuthDeps, limiter: RateLimiter, request: FastifyRequest, raw: Record<string, unknown>): Promise<Account> {
  const header = request.headers['x-api-key'];
  const key = raw.apikey ?? (typeof header === 'string' ? header : undefined);
  const account = await cachedAuthenticate(deps, key);
  if (!limiter.hit(account.keyId)) throw new DomainError(ErrorCode.RateLimited, 'Rate limit exceeded; try again in a minute');
  noteKeyUse(deps, account.keyId);
  return account;
}
