import { randomUUID } from 'node:crypto';
import type { ServiceDeps } from '../deps.ts';
import type { Session } from '../../database/repositories/sessions-repository.ts';
import { DomainError, ErrorCode, invalidValue } from '../../domain/errors.ts';
import { scrubOptions } from '../../domain/privacy/scrub-options.ts';
import { canTransition, isOpenState } from '../../domain/session/session-state.ts';
import { privacyRepo, sessionPrefixes, sessionScope, vaultScope } from './privacy-deps.ts';
import { scrubSmsOutbox } from './sms-outbox-scrub.ts';
import { vaultRecordScope } from './keyed-vault-repository.ts';

/** 'media': images, video, payloads, contracts, descriptors go; the sealed verification record stays. 'full': all personal data. */
export type ErasureLevel = 'media' | 'full';
export type ErasureReason = 'request' | 'retention' | 'record-retention' | 'verify-then-forget';

export type ErasureSummary = {
  reference: string;
  level: ErasureLevel;
  /** True when the session had been erased at this level before: nothing more to do. */
  already: boolean;
  files: number;
  vault_entries: number;
  vault_images: number;
  callback_payloads: number;
  verification_results: number;
  phone_number: boolean;
  data_keys_destroyed: number;
};

export type EraseTarget = { reference?: string; customid?: string };
export type EraseOptions = { actor: string; reason: ErasureReason; level?: ErasureLevel };

/** `reference` xor `customid`, as the API, CLI and portal take them. */
export function readEraseTarget(raw: { reference?: unknown; customid?: unknown }): EraseTarget {
  const ref = typeof raw.reference === 'string' ? raw.reference.trim() : undefined;
  const cid = typeof raw.customid === 'string' ? raw.customid : undefined;
  if (ref && cid !== undefined) throw invalidValue('reference', 'give reference or customid, not both');
  if (ref) return { reference: ref };
  if (cid !== undefined && cid !== '') return { customid: cid };
  throw invalidValue('reference', 'give a DocuPass reference or a customid');
}

/**
 * Erases every session a reference (with its reusable-link children) or custom id names. The
 * account scopes the search (undefined = any account: the operator's CLI). Throws not found when
 * nothing matches, so a mistyped reference is not reported as erased.
 */
export async function eraseSessions(deps: Pick<ServiceDeps, 'clock' | 'config' | 'files' | 'logger' | 'portal' | 'privacy'>, accountId: string | undefined, target: EraseTarget, opts: EraseOptions): Promise<{ success: true; erased: ErasureSummary[] }> {
  const sessions = await privacyRepo(deps).findSessions(accountId, target);
  if (!sessions.length) throw new DomainError(ErrorCode.NotFound, target.reference !== undefined ? 'No session with this reference' : 'No session with this customid');
  const erased: ErasureSummary[] = [];
  for (const s of sessions) erased.push(await eraseSession(deps, s, opts));
  return { success: true, erased };
}

/**
 * Erases one session. Files go first, then the rows in one transaction (with the erasure
 * record), then the session's data keys; a crash part-way leaves a session that still looks
 * unerased, so running the erasure again finishes it. On SQLite the freed cells are zeroed and
 * the WAL truncated, so the database file itself no longer holds the erased values.
 */
export async function eraseSession(deps: Pick<ServiceDeps, 'clock' | 'config' | 'files' | 'logger' | 'portal' | 'privacy'>, session: Session, opts: EraseOptions): Promise<ErasureSummary> {
  const repo = privacyRepo(deps);
  const level = opts.level ?? 'full';
  const { reference, account_id: accountId } = session;
  // A live (open) session being erased ends as `expired`: no upload or verification may follow.
  const previous = await repo.findErasures(accountId, reference);
  const summary: ErasureSummary = { reference, level, already: false, files: 0, vault_entries: 0, vault_images: 0, callback_payloads: 0, verification_results: 0, phone_number: false, data_keys_destroyed: 0 };
  if (previous.some((e) => e.level === 'full' || e.level === level)) return { ...summary, already: true };

  const held = await repo.holdings(accountId, reference);
  await repo.secureDeleteOn();
  // Files first: uploads and generated files by row, then whole prefixes (results, payloads, crops).
  for (const f of held.files) await deps.files.delete(f.storage_key);
  for (const prefix of sessionPrefixes(accountId, reference)) await deps.files.deletePrefix(prefix);
  for (const id of held.vaultEntryIds) await deps.files.deletePrefix(`vault/${accountId}/${id}`);

  summary.files = held.files.length;
  summary.callback_payloads = held.deliveries.length;
  summary.verification_results = held.attempts.filter((a) => a.result_key).length;
  summary.vault_entries = level === 'full' ? held.vaultEntryIds.length : 0;
  summary.phone_number = level === 'full' && !!held.phone;
  const options: Record<string, unknown> = session.options;
  const now = deps.clock();
  const erasure = { id: randomUUID(), account_id: accountId, reference, level, reason: opts.reason, actor: opts.actor, erased_json: '{}', created_at: now };
  // The counts go into the record; they are known once the rows are gone, so write them with it.
  let vaultImages: string[];
  try {
    ({ vaultImages } = await repo.eraseRows(
    accountId,
    { reference, options: scrubOptions(options), customid: null, liveTo: isOpenState(session.state) && canTransition(session.state, 'expired') ? 'expired' : undefined },
    level,
    { ...erasure, erased_json: JSON.stringify(countsOf(summary)) },
    ));
  } catch (e) {
    // Another process erased it at the same moment (the erasure record is unique per level).
    if ((await repo.findErasures(accountId, reference)).some((r) => r.level === level)) return { ...summary, already: true };
    throw e;
  }
  summary.vault_images = vaultImages.length;
  // 'media' keeps the sealed vault record readable: only its record key survives.
  const scopes = [sessionScope(reference), ...held.vaultEntryIds.map(vaultScope), ...(level === 'full' ? held.vaultEntryIds.map(vaultRecordScope) : [])];
  summary.data_keys_destroyed = await repo.destroyKeys(scopes, now);
  (deps.files as { forgetKeys?: (s: string[]) => void }).forgetKeys?.(scopes); // the vault layer shares this key ring
  await repo.updateErasureCounts(erasure.id, JSON.stringify(countsOf(summary)));
  if (level === 'full') {
    // Numbers the session sent SMS to (verification, link, contract link) leave the dev outbox too.
    const numbers = new Set([held.phone?.number, options.sms_verification_link, options.sms_contract_link, options.verify_phone].filter((n): n is string => typeof n === 'string' && n !== ''));
    for (const n of numbers) await scrubSmsOutbox(deps.config.dataDir, n, deps.files);
  }
  await auditErasure(deps, accountId, reference, opts, summary, now);
  await repo.checkpoint();
  deps.logger.info({ reference, level, reason: opts.reason, actor: opts.actor, counts: countsOf(summary) }, 'session erased');
  return summary;
}

/**
 * The operator audit log (portal, migration 006) shows every erasure too: who, which reference,
 * the level and counts, never a value. The portal audits its own calls with the operator.
 */
async function auditErasure(deps: Pick<ServiceDeps, 'logger' | 'portal'>, accountId: string, reference: string, opts: EraseOptions, summary: ErasureSummary, now: number): Promise<void> {
  if (!deps.portal || opts.actor.startsWith('portal:')) return;
  try {
    await deps.portal.audit.append({ id: randomUUID(), account_id: accountId, operator_id: null, operator_email: null, action: 'privacy.erase', target: reference, detail: JSON.stringify({ level: summary.level, reason: opts.reason, actor: opts.actor, ...countsOf(summary) }), ip: null, user_agent: null, created_at: now });
  } catch (e) {
    deps.logger.warn({ err: e, reference }, 'erasure not written to the operator audit log');
  }
}

function countsOf(s: ErasureSummary) {
  const { reference: _r, level: _l, already: _a, ...counts } = s;
  return counts;
}
