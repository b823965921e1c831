import type { SessionQuery, SessionSort } from '../../database/repositories/portal-queries-repository.ts';
import { actorWho, audit } from './audit.ts';
import { requireCapability } from './permissions.ts';
import type { Actor, PortalDeps } from './portal-deps.ts';
import { reviewQueueReferences } from './review-queue.ts';

export type SessionListInput = {
  page: number;
  pageSize: number;
  sort: SessionSort;
  dir: 'asc' | 'desc';
  state?: string;
  outcome?: 'passed' | 'failed' | 'none';
  failcode?: number;
  from?: string;
  to?: string;
  q?: string;
  customid?: string;
  needsReview?: boolean;
  assignedToMe?: boolean;
  amlHit?: boolean;
};

const dayStart = (d: string | undefined) => (d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? Date.parse(`${d}T00:00:00Z`) : undefined);

/** One page of the account's verification sessions; no personal data is in a row. */
export async function listSessions(deps: PortalDeps, actor: Actor, input: SessionListInput) {
  requireCapability(actor, 'sessions');
  const to = dayStart(input.to);
  let references: string[] | undefined;
  if (input.needsReview || input.amlHit) {
    const queue = await reviewQueueReferences(deps, actor.accountId);
    references = queue.filter((e) => (input.amlHit ? e.reasons.includes('aml') : true)).map((e) => e.reference);
  }
  const q: SessionQuery = {
    state: input.state,
    outcome: input.outcome,
    failcode: input.failcode,
    from: dayStart(input.from),
    to: to === undefined ? undefined : to + 86_400_000,
    reference: input.q?.trim().toUpperCase() || undefined,
    customid: input.customid || undefined,
    assignedTo: input.assignedToMe ? actor.operatorId : undefined,
    references,
    sort: input.sort,
    dir: input.dir,
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  };
  const { rows, total } = await deps.portal.queries.findSessionsPage(actor.accountId, q);
  const reviews = await deps.portal.reviews.findForReferences(actor.accountId, rows.map((r) => r.reference));
  await audit(deps, actorWho(actor), 'session.list', null, { page: input.page, rows: rows.length });
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    items: rows.map((r) => ({
      reference: r.reference,
      customid: r.customid,
      state: r.state,
      outcome: r.outcome_success === null ? null : r.outcome_success === 1 ? ('passed' as const) : ('failed' as const),
      failcode: r.outcome_failcode,
      attempts: r.attempts,
      created: new Date(r.created_at).toISOString(),
      updated: new Date(r.updated_at).toISOString(),
      assignedToMe: r.assigned_to === actor.operatorId,
      review: reviews.filter((v) => v.reference === r.reference).at(-1)?.decision ?? null,
    })),
  };
}
