import type { AuditQuery, AuditRow } from '../../database/repositories/audit-repository.ts';
import { actorWho, audit } from './audit.ts';
import { requireCapability } from './permissions.ts';
import type { Actor, PortalDeps } from './portal-deps.ts';
import { dayRange, paged, pageWindow } from './paging.ts';

export type AuditFilter = { action?: string; operator?: string; target?: string; from?: string; to?: string };

const toQuery = (f: AuditFilter): Omit<AuditQuery, 'limit' | 'offset'> => ({ action: f.action || undefined, operator: f.operator?.trim().toLowerCase() || undefined, target: f.target?.trim() || undefined, ...dayRange(f) });

const view = (r: AuditRow) => ({ id: r.id, time: new Date(r.created_at).toISOString(), operator: r.operator_email, action: r.action, target: r.target, detail: r.detail, ip: r.ip, userAgent: r.user_agent });

/** Reading the log is itself logged (who looked at whose activity). */
export async function listAudit(deps: PortalDeps, actor: Actor, f: AuditFilter & { page: number; pageSize: number }) {
  requireCapability(actor, 'audit');
  const { rows, total } = await deps.portal.audit.find(actor.accountId, { ...toQuery(f), ...pageWindow(f) });
  await audit(deps, actorWho(actor), 'audit.view', null, { page: f.page });
  return paged(f, total, rows.map(view));
}

export const csvCell = (v: string | null) => {
  const s = v ?? '';
  // A leading = + - @ would run as a formula in a spreadsheet: prefixed with a quote.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The filtered log as CSV (up to 50 000 rows), logged as an export. */
export async function exportAuditCsv(deps: PortalDeps, actor: Actor, f: AuditFilter): Promise<string> {
  requireCapability(actor, 'audit');
  const { rows } = await deps.portal.audit.find(actor.accountId, { ...toQuery(f), limit: 50_000, offset: 0 });
  await audit(deps, actorWho(actor), 'audit.export', null, { rows: rows.length });
  const lines = ['time,operator,action,target,detail,ip,user_agent'];
  for (const r of rows.map(view)) lines.push([r.time, r.operator, r.action, r.target, r.detail, r.ip, r.userAgent].map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
