import type { ServiceDeps } from '../deps.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { sanitizeTemplateHtml } from '../../engines/contracts/sanitize-template.ts';
import { findPlaceholders, findUnknownPlaceholders } from '../../engines/contracts/placeholders.ts';
import type { TemplateRow } from '../../database/repositories/templates-repository.ts';

type Deps = Pick<ServiceDeps, 'templates' | 'accounts' | 'clock' | 'randomBytes'>;

/** Inline data: images make templates large; this still stops a runaway upload. */
export const MAX_TEMPLATE_CHARS = 5 * 1024 * 1024;

export type StoredTemplate = {
  id: string;
  version: number;
  /** Placeholders that are neither ID fields nor system fields: only prefill data fills them. */
  unknown_placeholders: string[];
  /** What the sanitiser removed (scripts, event handlers, remote images, …). */
  removed: string[];
};

export type TemplateSummary = { id: string; version: number; name: string; account_id: string; created_at: number };
export type TemplateDetail = TemplateSummary & { html: string; placeholders: string[]; unknown_placeholders: string[] };

function prepare(name: string, html: string): { name: string; html: string; removed: string[]; unknown: string[] } {
  if (typeof name !== 'string' || !name.trim()) throw new DomainError(ErrorCode.InvalidValue, 'Invalid value for `name`');
  if (name.trim().length > 200) throw new DomainError(ErrorCode.InvalidValue, 'Invalid value for `name`: longer than 200 characters');
  if (typeof html !== 'string' || !html.trim()) throw new DomainError(ErrorCode.InvalidValue, 'Invalid value for `html`: empty template');
  if (html.length > MAX_TEMPLATE_CHARS) throw new DomainError(ErrorCode.InvalidValue, `Invalid value for \`html\`: larger than ${MAX_TEMPLATE_CHARS} characters`);
  const clean = sanitizeTemplateHtml(html);
  if (!clean.html.replace(/<[^>]*>/g, '').trim() && !/<img /.test(clean.html)) {
    throw new DomainError(ErrorCode.InvalidValue, 'Invalid value for `html`: nothing left after sanitising');
  }
  return { name: name.trim(), html: clean.html, removed: clean.removed, unknown: findUnknownPlaceholders(clean.html) };
}

async function requireAccountExists(deps: Deps, accountId: string): Promise<void> {
  if (!(await deps.accounts.getAccount(accountId))) throw new DomainError(ErrorCode.InvalidValue, `Unknown account ${accountId}`);
}

/** Stores a sanitised template as version 1. */
export async function addTemplate(deps: Deps, accountId: string, name: string, html: string): Promise<StoredTemplate> {
  await requireAccountExists(deps, accountId);
  const t = prepare(name, html);
  const id = `tpl_${deps.randomBytes(9).toString('base64url').replace(/[^A-Za-z0-9]/g, 'x')}`;
  await deps.templates.insert({ id, version: 1, account_id: accountId, name: t.name, html: t.html, created_at: deps.clock(), deleted_at: null });
  return { id, version: 1, unknown_placeholders: t.unknown, removed: t.removed };
}

/** A change never overwrites: it adds the next version, so signed contracts keep pointing at what they were made from. */
export async function updateTemplate(deps: Deps, accountId: string, id: string, change: { name?: string; html?: string }): Promise<StoredTemplate> {
  const current = await getTemplateRow(deps, accountId, id);
  const t = prepare(change.name ?? current.name, change.html ?? current.html);
  const version = current.version + 1;
  await deps.templates.insert({ id, version, account_id: accountId, name: t.name, html: t.html, created_at: deps.clock(), deleted_at: null });
  return { id, version, unknown_placeholders: t.unknown, removed: t.removed };
}

export async function getTemplateRow(deps: Pick<ServiceDeps, 'templates'>, accountId: string, id: string, version?: number): Promise<TemplateRow> {
  const row = typeof id === 'string' && id ? (version ? await deps.templates.getVersion(accountId, id, version) : await deps.templates.getLatest(accountId, id)) : undefined;
  if (!row) throw new DomainError(ErrorCode.InvalidValue, 'Invalid contract template ID');
  return row;
}

const summary = (r: TemplateRow): TemplateSummary => ({ id: r.id, version: r.version, name: r.name, account_id: r.account_id, created_at: Number(r.created_at) });

export async function getTemplate(deps: Pick<ServiceDeps, 'templates'>, accountId: string, id: string, version?: number): Promise<TemplateDetail> {
  const r = await getTemplateRow(deps, accountId, id, version);
  return { ...summary(r), html: r.html, placeholders: findPlaceholders(r.html), unknown_placeholders: findUnknownPlaceholders(r.html) };
}

export async function findTemplates(deps: Pick<ServiceDeps, 'templates'>, accountId?: string): Promise<TemplateSummary[]> {
  const rows = accountId ? await deps.templates.findLatestForAccount(accountId) : await deps.templates.findAllLatest();
  return rows.map(summary);
}

/** Soft delete of every version: sessions already created keep working from their stored output. */
export async function removeTemplate(deps: Pick<ServiceDeps, 'templates' | 'clock'>, accountId: string | null, id: string): Promise<void> {
  if (!(await deps.templates.markDeleted(accountId, id, deps.clock()))) throw new DomainError(ErrorCode.InvalidValue, 'Invalid contract template ID');
}

/** The CLI may omit the account when the installation has exactly one. */
export async function resolveAccountForCli(deps: Pick<ServiceDeps, 'accounts'>, accountId: string | undefined): Promise<string> {
  if (accountId) return accountId;
  const ids = [...new Set((await deps.accounts.findKeys()).filter((k) => !k.revoked_at).map((k) => k.account_id))];
  if (ids.length === 1) return ids[0];
  throw new Error(ids.length === 0 ? 'no account yet: create an API key first' : `several accounts exist; pass --account (one of ${ids.join(', ')})`);
}

/** `POST /template/list`: the account's templates, without the account id. */
export async function listTemplates(deps: Pick<ServiceDeps, 'templates'>, accountId: string): Promise<{ templates: Omit<TemplateSummary, 'account_id'>[] }> {
  return { templates: (await findTemplates(deps, accountId)).map(({ account_id: _a, ...t }) => t) };
}

/** `POST /template/get`: one template, without the account id. */
export async function getTemplateView(deps: Pick<ServiceDeps, 'templates'>, accountId: string, id: string, version?: number): Promise<Omit<TemplateDetail, 'account_id'>> {
  const { account_id: _a, ...t } = await getTemplate(deps, accountId, id, version);
  return t;
}

/** `POST /template/delete`. */
export async function deleteTemplate(deps: Pick<ServiceDeps, 'templates' | 'clock'>, accountId: string, id: string): Promise<{ success: true; id: string }> {
  await removeTemplate(deps, accountId, id);
  return { success: true, id };
}
