import type { ServiceDeps } from '../deps.ts';
import type { Session } from '../../database/repositories/sessions-repository.ts';
import { eraseSession, type ErasureLevel, type ErasureReason, type ErasureSummary } from './erase-session.ts';
import { privacyRepo } from './privacy-deps.ts';

export type RetentionPolicy = {
  /** Seconds after a session ends until its personal data goes (undefined = kept). */
  retentionSeconds: number | undefined;
  /** Seconds the verification record (fields, no images) is kept where AML rules require it. */
  recordRetentionSeconds: number | undefined;
  /** Every session of the account forgets its personal data once the callback is out. */
  verifyThenForget: boolean;
};

export type SweepItem = ErasureSummary & { reason: ErasureReason; account_id: string };

const BATCH = 200;

/** The account's own settings, else the instance defaults (IDGATE_RETENTION, IDGATE_RECORD_RETENTION). */
export async function policyFor(deps: Pick<ServiceDeps, 'config' | 'privacy'>, accountId: string): Promise<RetentionPolicy> {
  const row = await privacyRepo(deps).getAccountPolicy(accountId);
  return {
    retentionSeconds: row?.retention_seconds ?? deps.config.retentionSeconds,
    recordRetentionSeconds: row?.record_retention_seconds ?? deps.config.recordRetentionSeconds,
    verifyThenForget: !!row?.verify_then_forget,
  };
}

export async function setAccountPolicy(deps: Pick<ServiceDeps, 'clock' | 'config' | 'privacy'>, accountId: string, p: { retentionSeconds?: number | null; recordRetentionSeconds?: number | null; verifyThenForget?: boolean }): Promise<RetentionPolicy> {
  const repo = privacyRepo(deps);
  const cur = await repo.getAccountPolicy(accountId);
  await repo.setAccountPolicy({
    account_id: accountId,
    retention_seconds: p.retentionSeconds !== undefined ? p.retentionSeconds : (cur?.retention_seconds ?? null),
    record_retention_seconds: p.recordRetentionSeconds !== undefined ? p.recordRetentionSeconds : (cur?.record_retention_seconds ?? null),
    verify_then_forget: p.verifyThenForget !== undefined ? (p.verifyThenForget ? 1 : 0) : (cur?.verify_then_forget ?? 0),
    updated_at: deps.clock(),
  });
  return policyFor(deps, accountId);
}

/**
 * One pass of retention over every account:
 * - verify-then-forget sessions (option or account default) are fully erased once they ended
 *   and no callback delivery is pending any more;
 * - with a record retention longer than the retention, sessions past the retention lose their
 *   images, video, payloads, contracts and face descriptors ('media'), and are fully erased
 *   past the record retention; otherwise they are fully erased past the retention.
 * Erasure is idempotent, so several processes may sweep at once.
 */
export async function runRetentionSweep(deps: Pick<ServiceDeps, 'clock' | 'config' | 'files' | 'logger' | 'portal' | 'privacy'>, opts: { actor?: string } = {}): Promise<SweepItem[]> {
  const repo = privacyRepo(deps);
  const now = deps.clock();
  const done: SweepItem[] = [];
  const actor = opts.actor ?? 'retention-sweep';
  const run = async (sessions: Session[], level: ErasureLevel, reason: ErasureReason) => {
    for (const s of sessions) {
      const r = await eraseSession(deps, s, { actor, reason, level });
      if (!r.already) done.push({ ...r, reason, account_id: s.account_id });
    }
  };
  for (const accountId of await repo.accountIds()) {
    const p = await policyFor(deps, accountId);
    const forget = await repo.findFinishedNotErased(accountId, BATCH, p.verifyThenForget ? undefined : '"verify_then_forget":true');
    await run(forget.filter((s) => p.verifyThenForget || (s.kind === 'verification' && s.options.verify_then_forget === true)), 'full', 'verify-then-forget');
    const { retentionSeconds: ret, recordRetentionSeconds: rec } = p;
    if (ret !== undefined && rec !== undefined && rec > ret) {
      await run(await repo.findDue(accountId, now - ret * 1000, 'media', BATCH), 'media', 'retention');
      await run(await repo.findDue(accountId, now - rec * 1000, 'full', BATCH), 'full', 'record-retention');
    } else if (ret !== undefined || rec !== undefined) {
      await run(await repo.findDue(accountId, now - (ret ?? rec!) * 1000, 'full', BATCH), 'full', 'retention');
    }
  }
  return done;
}

/** The background sweep's entry: never throws (a failure is logged and retried next tick). */
export async function retentionSweepTick(deps: Pick<ServiceDeps, 'clock' | 'config' | 'files' | 'logger' | 'portal' | 'privacy'>): Promise<void> {
  if (!deps.privacy) return;
  try {
    const done = await runRetentionSweep(deps);
    if (done.length) deps.logger.info({ erased: done.length, media: done.filter((d) => d.level === 'media').length }, 'retention: sessions erased');
  } catch (e) {
    deps.logger.error({ err: e }, 'retention sweep failed');
  }
}
