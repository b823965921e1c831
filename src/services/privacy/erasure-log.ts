import type { ServiceDeps } from '../deps.ts';
import { privacyRepo } from './privacy-deps.ts';

/** The erasure log: what was erased when, by whom, in counts; never the erased values. */
export async function listErasures(deps: Pick<ServiceDeps, 'privacy'>, accountId: string | undefined, q: { reference?: string; limit?: number }) {
  const repo = privacyRepo(deps);
  const rows = q.reference && accountId ? await repo.findErasures(accountId, q.reference) : await repo.listErasures(accountId, Math.min(1000, q.limit ?? 100));
  return {
    items: rows.map((r) => ({ reference: r.reference, level: r.level, reason: r.reason, actor: r.actor, time: new Date(r.created_at).toISOString(), erased: JSON.parse(r.erased_json) as Record<string, unknown> })),
  };
}
