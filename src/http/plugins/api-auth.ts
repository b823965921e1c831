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
const KEY_CACHE_TTL_MS = 5_000;
const keyCaches = new WeakMap<object, Map<string, { account: CachedAccount; until: number }>>();

/**
 * Known keys are remembered for a few seconds so a burst of requests costs one lookup; a key
 * revoked from the CLI stops working within KEY_CACHE_TTL_MS. Unknown keys are never cached.
 */
async function cachedAuthenticate(deps: Pick<ServiceDeps, 'accounts' | 'clock'>, key: unknown): Promise<CachedAccount> {
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

/** The key comes in the body (as the official client sends it), or in an `X-API-Key` header. */
export async function requireAccount(deps: Pick<ServiceDeps, 'accounts' | 'clock'>, limiter: RateLimiter, request: FastifyRequest, raw: Record<string, unknown>): Promise<Account> {
  const header = request.headers['x-api-key'];
  const key = raw.apikey ?? (typeof header === 'string' ? header : undefined);
  const account = await cachedAuthenticate(deps, key);
  if (!limiter.hit(account.keyId)) throw new DomainError(ErrorCode.RateLimited, 'Rate limit exceeded; try again in a minute');
  return account;
}
