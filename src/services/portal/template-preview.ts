import { randomBytes } from 'node:crypto';
import { DomainError, ErrorCode, invalidValue } from '../../domain/errors.ts';
import { findPlaceholders, findUnknownPlaceholders, fillTemplate, mergeFieldValues } from '../../engines/contracts/placeholders.ts';
import { renderHtmlDocument } from '../../engines/contracts/render-html.ts';
import { sanitizeTemplateHtml } from '../../engines/contracts/sanitize-template.ts';
import { systemFieldValues } from '../../engines/contracts/system-fields.ts';
import { actorWho, audit } from './audit.ts';
import { can, requireCapability } from './permissions.ts';
import type { Actor, PortalDeps } from './portal-deps.ts';
import { latestStoredResult } from './session-detail.ts';
import { SAMPLE_DATA } from './templates.ts';

/** A filled draft, kept a few minutes in this process for the editor's preview frame; nothing is stored. */
const drafts = new Map<string, { html: string; operatorId: string; until: number }>();
const DRAFT_TTL_MS = 5 * 60_000;
const MAX_DRAFTS = 500;

/**
 * The contract as the signer would read it, from the editor's unsaved HTML: sanitised exactly as
 * a saved template is, filled with the specimen's made-up data — or, for an operator who may see
 * personal data and names a session, with that session's data (audited as `template.preview`).
 * No template version is written.
 */
export async function previewDraftTemplate(deps: PortalDeps, actor: Actor, input: { html: string; name?: string; reference?: string }) {
  requireCapability(actor, 'templates');
  const { html: clean, removed } = sanitizeTemplateHtml(input.html);
  let data: Record<string, unknown> = SAMPLE_DATA;
  let reference = 'PREVIEW000000';
  let customid: string | undefined;
  if (input.reference) {
    if (!can(actor.role, 'pii')) throw new DomainError(ErrorCode.PortalForbidden, `Your role (${actor.role}) may preview with sample data only`);
    const session = await deps.sessions.findForAccount(actor.accountId, input.reference);
    if (!session || session.kind !== 'verification') throw new DomainError(ErrorCode.InvalidValue, `Session ${input.reference} not found`);
    const { stored } = await latestStoredResult(deps, input.reference).catch(() => ({ stored: null }));
    if (!stored?.evidence.reading?.data) throw invalidValue('reference', 'a session with data read from its document');
    data = stored.evidence.reading.data as Record<string, unknown>;
    reference = session.reference;
    customid = session.customid ?? undefined;
    await audit(deps, actorWho(actor), 'template.preview', reference, { fields: Object.keys(data).length });
  }
  const settings = await deps.portal.settings.getSettings(actor.accountId);
  const system = systemFieldValues({ now: deps.clock(), reference, customid, companyName: settings?.company_name ?? 'Preview' });
  const filled = fillTemplate(clean, mergeFieldValues({ data, system }));
  const document = renderHtmlDocument(filled.html, { title: input.name?.trim() || 'Preview', footer: `Reference ${reference}` });
  const token = randomBytes(18).toString('base64url');
  const now = deps.clock();
  for (const [k, v] of drafts) if (v.until <= now) drafts.delete(k);
  if (drafts.size >= MAX_DRAFTS) drafts.delete(drafts.keys().next().value as string);
  drafts.set(token, { html: document, operatorId: actor.operatorId, until: now + DRAFT_TTL_MS });
  return {
    html: document,
    frame: `/portal/api/templates/draft-preview/${token}`,
    placeholders: findPlaceholders(clean),
    unknownPlaceholders: findUnknownPlaceholders(clean),
    missing: filled.missing,
    removed,
  };
}

/** The draft for the preview frame: only to the operator who made it, within five minutes. */
export function openDraftPreview(deps: PortalDeps, actor: Actor, token: string): string {
  requireCapability(actor, 'templates');
  const d = drafts.get(token);
  if (!d || d.operatorId !== actor.operatorId || d.until <= deps.clock()) throw new DomainError(ErrorCode.NotFound, 'This preview has expired; edit the template again');
  return d.html;
}
