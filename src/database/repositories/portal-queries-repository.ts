import type { Db } from '../connect.ts';
import type { CallbackDeliveriesTable, SessionsTable } from '../schema.ts';

export type SessionSort = 'created_at' | 'updated_at' | 'reference' | 'state';
export type SessionQuery = {
  state?: string;
  outcome?: 'passed' | 'failed' | 'none';
  failcode?: number;
  from?: number;
  to?: number;
  reference?: string;
  customid?: string;
  marked?: boolean;
  assignedTo?: string;
  references?: string[];
  sort: SessionSort;
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
};

export type StatRow = Pick<SessionsTable, 'reference' | 'state' | 'outcome_success' | 'outcome_failcode' | 'attempts' | 'created_at' | 'updated_at'>;

/**
 * The portal's read queries across tables (paged session list, delivery log, dashboard rows).
 * Every query is scoped to one account: an operator never reaches another tenant's rows.
 */
export function portalQueriesRepository(db: Db) {
  const sessionsWhere = (accountId: string, q: Omit<SessionQuery, 'sort' | 'dir' | 'limit' | 'offset'>) => {
    let s = db.selectFrom('sessions').leftJoin('review_marks', 'review_marks.reference', 'sessions.reference').where('sessions.account_id', '=', accountId).where('sessions.kind', '=', 'verification');
    if (q.state) s = s.where('sessions.state', '=', q.state);
    if (q.outcome === 'passed') s = s.where('sessions.outcome_success', '=', 1);
    if (q.outcome === 'failed') s = s.where('sessions.outcome_success', '=', 0);
    if (q.outcome === 'none') s = s.where('sessions.outcome_success', 'is', null);
    if (q.failcode !== undefined) s = s.where('sessions.outcome_failcode', '=', q.failcode);
    if (q.from !== undefined) s = s.where('sessions.created_at', '>=', q.from);
    if (q.to !== undefined) s = s.where('sessions.created_at', '<', q.to);
    if (q.reference) s = s.where('sessions.reference', 'like', `${q.reference.replace(/[%_]/g, '')}%`);
    if (q.customid) s = s.where('sessions.customid', '=', q.customid);
    if (q.marked) s = s.where('review_marks.marked', '=', 1);
    if (q.assignedTo) s = s.where('review_marks.assigned_to', '=', q.assignedTo);
    if (q.references) s = s.where('sessions.reference', 'in', q.references.length ? q.references : ['-']);
    return s;
  };
  return {
    async findSessionsPage(accountId: string, q: SessionQuery) {
      const rows = await sessionsWhere(accountId, q)
        .selectAll('sessions')
        .select(['review_marks.assigned_to', 'review_marks.marked'])
        .orderBy(`sessions.${q.sort}`, q.dir)
        .orderBy('sessions.reference', q.dir)
        .limit(q.limit)
        .offset(q.offset)
        .execute();
      const n = await sessionsWhere(accountId, q).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { rows, total: Number(n.n) };
    },
    async findSessionStats(accountId: string, from: number): Promise<StatRow[]> {
      return db
        .selectFrom('sessions')
        .select(['reference', 'state', 'outcome_success', 'outcome_failcode', 'attempts', 'created_at', 'updated_at'])
        .where('account_id', '=', accountId)
        .where('kind', '=', 'verification')
        .where('created_at', '>=', from)
        .execute();
    },
    /** Finished sessions, newest first (the review queue looks at their stored results). */
    async findFinished(accountId: string, limit: number): Promise<Array<Pick<SessionsTable, 'reference' | 'state' | 'updated_at'>>> {
      return db
        .selectFrom('sessions')
        .select(['reference', 'state', 'updated_at'])
        .where('account_id', '=', accountId)
        .where('kind', '=', 'verification')
        .where('state', 'in', ['succeeded', 'failed'])
        .orderBy('updated_at', 'desc')
        .limit(limit)
        .execute();
    },
    async findDeliveriesPage(accountId: string, q: { state?: string; reference?: string; limit: number; offset: number }): Promise<{ rows: CallbackDeliveriesTable[]; total: number }> {
      let s = db.selectFrom('callback_deliveries').where('account_id', '=', accountId);
      if (q.state) s = s.where('state', '=', q.state as CallbackDeliveriesTable['state']);
      if (q.reference) s = s.where('reference', '=', q.reference);
      const rows = await s.selectAll().orderBy('created_at', 'desc').limit(q.limit).offset(q.offset).execute();
      const n = await s.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { rows, total: Number(n.n) };
    },
    async findVaultEntryId(accountId: string, reference: string): Promise<string | undefined> {
      const r = await db.selectFrom('vault_entries').select('id').where('account_id', '=', accountId).where('docupass_reference', '=', reference).orderBy('createtime', 'desc').executeTakeFirst();
      return r?.id;
    },
    async findAmlLists() {
      return db.selectFrom('aml_lists').selectAll().orderBy('database').execute();
    },
    async findApiKeys(accountId: string) {
      return db.selectFrom('api_keys').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').execute();
    },
    async revokeApiKey(accountId: string, id: string, at: number): Promise<boolean> {
      const r = await db.updateTable('api_keys').set({ revoked_at: at }).where('account_id', '=', accountId).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
export type PortalQueriesRepository = ReturnType<typeof portalQueriesRepository>;

import { operatorsRepository } from './operators-repository.ts';
import { portalSessionsRepository } from './portal-sessions-repository.ts';
import { auditRepository } from './audit-repository.ts';
import { reviewsRepository } from './reviews-repository.ts';
import { webhookEndpointsRepository } from './webhook-endpoints-repository.ts';

/** Every repository the portal uses, built once by compose.ts as `deps.portal`. */
export function portalRepositories(db: Db) {
  return {
    operators: operatorsRepository(db),
    sessions: portalSessionsRepository(db),
    audit: auditRepository(db),
    reviews: reviewsRepository(db),
    webhooks: webhookEndpointsRepository(db),
    queries: portalQueriesRepository(db),
  };
}
export type PortalRepos = ReturnType<typeof portalRepositories>;
