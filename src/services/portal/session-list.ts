import countries from 'i18n-iso-countries';
import type { SessionQuery, SessionSort } from '../../database/repositories/portal-queries-repository.ts';
import { invalidValue } from '../../domain/errors.ts';
import { actorWho, audit } from './audit.ts';
import { dayRange, iso, paged, pageWindow } from './paging.ts';
import { requireCapability } from './permissions.ts';
import type { Actor, PortalDeps } from './portal-deps.ts';
import { refreshSessionFacts } from './session-facts.ts';

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
  /** ISO 3166-1 alpha-2 or alpha-3 of the issuing country. */
  country?: string;
  /** P (passport), D (driver licence), I (identity card). */
  doctype?: string;
  needsReview?: boolean;
  assignedToMe?: boolean;
  amlHit?: boolean;
};

function countryFilter(raw: string | undefined): string | undefined {
  const c = raw?.trim().toUpperCase();
  if (!c) return undefined;
  const iso2 = c.length === 3 ? countries.alpha3ToAlpha2(c) : c;
  if (!iso2 || !countries.isValid(iso2)) throw invalidValue('country', 'an ISO 3166-1 alpha-2 or alpha-3 code');
  return iso2;
}

/** One page of the account's verification sessions; no personal data is in a row. */
export async function listSessions(deps: PortalDeps, actor: Actor, input: SessionListInput) {
  requireCapability(actor, 'sessions');
  const documentCountry = countryFilter(input.country);
  const documentType = input.doctype?.trim().toUpperCase() || undefined;
  if (documentCountry || documentType || input.amlHit || input.needsReview) await refreshSessionFacts(deps, actor.accountId);
  const q: SessionQuery = {
    state: input.state,
    outcome: input.outcome,
    failcode: input.failcode,
    ...dayRange(input),
    reference: input.q?.trim().toUpperCase() || undefined,
    customid: input.customid || undefined,
    assignedTo: input.assignedToMe ? actor.operatorId : undefined,
    documentCountry,
    documentType,
    amlHit: input.amlHit || undefined,
    needsReview: input.needsReview || undefined,
    sort: input.sort,
    dir: input.dir,
    ...pageWindow(input),
  };
  const { rows, total } = await deps.portal.queries.findSessionsPage(actor.accountId, q);
  const reviews = await deps.portal.reviews.findForReferences(actor.accountId, rows.map((r) => r.reference));
  await audit(deps, actorWho(actor), 'session.list', null, { page: input.page, rows: rows.length });
  return paged(
    input,
    total,
    rows.map((r) => ({
      reference: r.reference,
      customid: r.customid,
      state: r.state,
      outcome: r.outcome_success === null ? null : r.outcome_success === 1 ? ('passed' as const) : ('failed' as const),
      failcode: r.outcome_failcode,
      attempts: r.attempts,
      created: iso(r.created_at)!,
      updated: iso(r.updated_at)!,
      assignedToMe: r.assigned_to === actor.operatorId,
      review: reviews.filter((v) => v.reference === r.reference).at(-1)?.decision ?? null,
    })),
  );
}
