import { requireCapability } from './permissions.ts';
import type { Actor, PortalDeps } from './portal-deps.ts';
import { paged, type PageInput } from './paging.ts';
import { reviewQueuePage } from './review-queue.ts';

const DAY = 86_400_000;

function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/**
 * Counts only (no personal data): sessions per day by outcome, fail codes, time to verdict
 * (created → finished, median and p95), the funnel, and AML hits awaiting review.
 */
export async function getDashboard(deps: PortalDeps, actor: Actor, days = 30) {
  requireCapability(actor, 'dashboard');
  const now = deps.clock();
  const start = Math.floor(now / DAY) * DAY - (days - 1) * DAY;
  const rows = await deps.portal.queries.findSessionStats(actor.accountId, start);
  const perDay = Array.from({ length: days }, (_, i) => ({ day: new Date(start + i * DAY).toISOString().slice(0, 10), passed: 0, failed: 0, expired: 0, open: 0 }));
  const failCodes = new Map<number, number>();
  const verdictMs: number[] = [];
  const funnel = { created: 0, opened: 0, submitted: 0, verified: 0 };
  for (const r of rows) {
    const bucket = perDay[Math.floor((r.created_at - start) / DAY)];
    if (bucket) {
      if (r.state === 'expired') bucket.expired++;
      else if (r.outcome_success === 1) bucket.passed++;
      else if (r.outcome_success === 0) bucket.failed++;
      else bucket.open++;
    }
    if (r.outcome_success === 0 && r.outcome_failcode !== null) failCodes.set(r.outcome_failcode, (failCodes.get(r.outcome_failcode) ?? 0) + 1);
    if (r.state === 'succeeded' || r.state === 'failed') verdictMs.push(r.updated_at - r.created_at);
    funnel.created++;
    if (r.state !== 'created') funnel.opened++;
    if (r.attempts > 0 || r.state === 'succeeded' || r.state === 'failed') funnel.submitted++;
    if (r.state === 'succeeded') funnel.verified++;
  }
  verdictMs.sort((a, b) => a - b);
  const queue = actor.role !== 'developer' ? await reviewQueuePage(deps, actor.accountId, { page: 1, pageSize: 1 }) : { total: 0, aml: 0 };
  return {
    days,
    perDay,
    failCodes: [...failCodes.entries()].sort((a, b) => b[1] - a[1]).map(([code, count]) => ({ code, count })),
    timeToVerdict: { count: verdictMs.length, medianMs: percentile(verdictMs, 50), p95Ms: percentile(verdictMs, 95) },
    funnel,
    awaitingReview: { total: queue.total, aml: queue.aml },
  };
}

/** The review queue page: references and why each is there (no personal data). */
export async function getReviewQueue(deps: PortalDeps, actor: Actor, q: PageInput & { aml?: boolean } = { page: 1, pageSize: 25 }) {
  requireCapability(actor, 'sessions');
  const queue = await reviewQueuePage(deps, actor.accountId, { page: q.page, pageSize: q.pageSize, amlOnly: q.aml });
  return paged(
    q,
    queue.total,
    queue.items.map((e) => ({ reference: e.reference, reasons: e.reasons, updated: new Date(e.updated).toISOString(), assignedToMe: e.assignedTo === actor.operatorId })),
  );
}
