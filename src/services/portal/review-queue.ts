import type { StoredVerification } from '../verification/verification-payload.ts';
import type { PortalDeps } from './portal-deps.ts';
import { factsOf, refreshSessionFacts } from './session-facts.ts';

export type QueueReason = 'aml' | 'near-threshold' | 'marked';
export type QueueEntry = { reference: string; reasons: QueueReason[]; updated: number; assignedTo: string | null };

/** What the queue looks at in one stored result (AML hits, a check near its threshold). */
export function summarise(stored: StoredVerification): { aml: boolean; near: boolean } {
  const f = factsOf(stored);
  return { aml: f.aml === 1, near: f.near === 1 };
}

/**
 * Sessions that need a person: AML hits, failed checks near a threshold, or marked by a
 * reviewer — every finished session of the account without a decision and not erased, newest
 * first, paged in SQL (no window: an old session with an AML hit stays in the queue).
 */
export async function reviewQueuePage(deps: PortalDeps, accountId: string, q: { page: number; pageSize: number; amlOnly?: boolean }): Promise<{ items: QueueEntry[]; total: number; aml: number }> {
  await refreshSessionFacts(deps, accountId);
  const { rows, total, aml } = await deps.portal.settings.findQueuePage(accountId, { amlOnly: q.amlOnly, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const items = rows.map((r) => {
    const reasons: QueueReason[] = [];
    if (r.aml === 1) reasons.push('aml');
    if (r.near === 1) reasons.push('near-threshold');
    if (r.marked === 1) reasons.push('marked');
    return { reference: r.reference, reasons, updated: r.updated_at, assignedTo: r.assigned_to ?? null };
  });
  return { items, total, aml };
}
