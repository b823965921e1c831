import type { Db } from '../connect.ts';
import type { AuditLogTable } from '../schema.ts';

export type AuditRow = AuditLogTable;
export type AuditQuery = { action?: string; operator?: string; target?: string; from?: number; to?: number; limit: number; offset: number };

/**
 * The audit log is append-only: this repository has an insert and reads, and nothing else —
 * no update or delete path exists in code (the portal and API offer none either).
 */
export function auditRepository(db: Db) {
  const filtered = (accountId: string, q: Omit<AuditQuery, 'limit' | 'offset'>) => {
    let s = db.selectFrom('audit_log').where('account_id', '=', accountId);
    if (q.action) s = s.where('action', '=', q.action);
    if (q.operator) s = s.where('operator_email', '=', q.operator);
    if (q.target) s = s.where('target', '=', q.target);
    if (q.from !== undefined) s = s.where('created_at', '>=', q.from);
    if (q.to !== undefined) s = s.where('created_at', '<', q.to);
    return s;
  };
  return {
    async append(row: AuditRow): Promise<void> {
      await db.insertInto('audit_log').values(row).execute();
    },
    async find(accountId: string, q: AuditQuery): Promise<{ rows: AuditRow[]; total: number }> {
      const rows = await filtered(accountId, q).selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute();
      const n = await filtered(accountId, q).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { rows, total: Number(n.n) };
    },
  };
}
export type AuditRepository = ReturnType<typeof auditRepository>;
