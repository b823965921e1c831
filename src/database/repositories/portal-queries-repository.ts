import { sql } from 'kysely';
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
  /** From the portal's per-session facts (migration 010): ISO 3166-1 alpha-2, P/D/I. */
  documentCountry?: string;
  documentType?: string;
  amlHit?: boolean;
  /** In the review queue: finished, undecided, not erased, with an AML hit, a near-threshold check or a mark. */
  needsReview?: boolean;
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
    if (q.documentCountry) s = s.where(sql<boolean>`EXISTS (SELECT 1 FROM portal_session_facts f WHERE f.reference = sessions.reference AND f.document_country = ${q.documentCountry})`);
    if (q.documentType) s = s.where(sql<boolean>`EXISTS (SELECT 1 FROM portal_session_facts f WHERE f.reference = sessions.reference AND f.document_type = ${q.documentType})`);
    if (q.amlHit) s = s.where(sql<boolean>`EXISTS (SELECT 1 FROM portal_session_facts f WHERE f.reference = sessions.reference AND f.aml = 1)`);
    if (q.needsReview) {
      s = s
        .where('sessions.state', 'in', ['succeeded', 'failed'])
        .where(sql<boolean>`(review_marks.marked = 1 OR EXISTS (SELECT 1 FROM portal_session_facts f WHERE f.reference = sessions.reference AND (f.aml = 1 OR f.near = 1)))`)
        .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM reviews r WHERE r.reference = sessions.reference AND r.account_id = sessions.account_id)`)
        .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM erasures e WHERE e.reference = sessions.reference)`);
    }
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
import { portalSettingsRepository } from './portal-settings-repository.ts';
import { portalPasskeysRepository } from './portal-passkeys-repository.ts';

/** Every repository the portal uses, built once by compose.ts as `deps.portal`. */
export function portalRepositories(db: Db) {
  return {
    operators: operatorsRepository(db),
    sessions: portalSessionsRepository(db),
    audit: auditRepository(db),
    reviews: reviewsRepository(db),
    webhooks: webhookEndpointsRepository(db),
    queries: portalQueriesRepository(db),
    settings: portalSettingsRepository(db),
    passkeys: portalPasskeysRepository(db),
  };
}
export type PortalRepos = ReturnType<typeof portalRepositories>;
