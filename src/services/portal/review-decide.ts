import { randomUUID } from 'node:crypto';
import { DomainError, ErrorCode, invalidValue } from '../../domain/errors.ts';
import { vaultContext } from '../vault/vault-context.ts';
import { openRecord, sealRecord } from '../vault/vault-sealing.ts';
import { formatVaultTime } from '../vault/vault-record.ts';
import { actorWho, audit } from './audit.ts';
import { requireCapability } from './permissions.ts';
import type { Actor, PortalDeps } from './portal-deps.ts';
import { sendWebhookEvent } from './webhook-events.ts';

/** Structured reasons (as the best back offices offer), plus a free staff-only note. */
export const REVIEW_REASONS = {
  approved: ['documents-verified', 'aml-false-positive', 'manual-check-passed', 'other'],
  rejected: ['document-fraudulent', 'document-unreadable', 'face-mismatch', 'aml-true-match', 'document-expired', 'other'],
} as const;

export type ReviewInput = { decision: 'approved' | 'rejected'; reason: string; note?: string | null };

/**
 * Stores the decision (a row per decision: a later one supersedes, none is lost), writes it to
 * the vault entry as `review`, logs it, and sends `verification.reviewed` to the account's
 * webhook endpoints. The DocuPass callback already sent is never re-sent.
 */
export async function decideReview(deps: PortalDeps, actor: Actor, reference: string, input: ReviewInput) {
  requireCapability(actor, 'decide');
  const reasons = REVIEW_REASONS[input.decision] as readonly string[] | undefined;
  if (!reasons) throw invalidValue('decision', 'approved or rejected');
  if (!reasons.includes(input.reason)) throw invalidValue('reason', `one of ${reasons.join(', ')}`);
  const note = input.note?.trim() || null;
  if (note && note.length > 2000) throw invalidValue('note', 'at most 2000 characters');
  const session = await deps.sessions.findForAccount(actor.accountId, reference);
  if (!session || session.kind !== 'verification') throw new DomainError(ErrorCode.InvalidValue, `Session ${reference} not found`);
  if (!['succeeded', 'failed'].includes(session.state)) throw new DomainError(ErrorCode.InvalidValue, 'Only a finished session can be reviewed');
  if (await deps.portal.settings.isErased(actor.accountId, reference)) throw new DomainError(ErrorCode.InvalidValue, `Session ${reference} was erased: its personal data and evidence are gone, so it can no longer be reviewed`);
  const now = deps.clock();
  const vaultEntryId = (await deps.portal.queries.findVaultEntryId(actor.accountId, reference)) ?? null;
  const review = { decision: input.decision, reason: input.reason, note, by: actor.email, time: formatVaultTime(now) };
  await deps.portal.reviews.insert({ id: randomUUID(), account_id: actor.accountId, reference, vault_entry_id: vaultEntryId, decision: input.decision, reason: input.reason, note, operator_id: actor.operatorId, operator_email: actor.email, created_at: now });
  if (vaultEntryId) await writeReviewToVault(deps, actor.accountId, vaultEntryId, review);
  await audit(deps, actorWho(actor), 'review.decide', reference, { decision: input.decision, reason: input.reason, vault: vaultEntryId !== null });
  const events = await sendWebhookEvent(deps, actor.accountId, reference, 'verification.reviewed', {
    reference,
    customid: session.customid,
    vaultid: vaultEntryId,
    review: { decision: review.decision, reason: review.reason, by: review.by, time: new Date(now).toISOString() },
  });
  return { review, vaultid: vaultEntryId, events };
}

async function writeReviewToVault(deps: PortalDeps, accountId: string, id: string, review: NonNullable<import('../vault/vault-record.ts').VaultRecord['review']>): Promise<void> {
  const { repo, crypto } = vaultContext(deps);
  for (let attempt = 0; attempt < 20; attempt++) {
    const row = await repo.findEntry(accountId, id);
    if (!row) return;
    const record = openRecord(crypto, row);
    record.review = review;
    const sealed = sealRecord(crypto, accountId, id, record);
    if (await repo.updateEntry(accountId, id, row.sealed, { sealed: sealed.sealed, key_id: sealed.key_id, updatetime: deps.clock() }, sealed.index)) return;
    await new Promise((r) => setTimeout(r, Math.random() * 5 * (attempt + 1)));
  }
  throw new DomainError(ErrorCode.Internal, `Vault entry ${id} is being changed concurrently; try again`);
}

/** Assign to me / unassign, and mark for review: queue bookkeeping, audited. */
export async function setReviewMark(deps: PortalDeps, actor: Actor, reference: string, set: { assignToMe?: boolean; marked?: boolean }) {
  requireCapability(actor, 'decide');
  const session = await deps.sessions.findForAccount(actor.accountId, reference);
  if (!session) throw new DomainError(ErrorCode.InvalidValue, `Session ${reference} not found`);
  const current = (await deps.portal.reviews.findMarks(actor.accountId, [reference]))[0];
  const assigned = set.assignToMe === undefined ? (current?.assigned_to ?? null) : set.assignToMe ? actor.operatorId : null;
  const marked = set.marked === undefined ? (current?.marked ?? 0) : set.marked ? 1 : 0;
  await deps.portal.reviews.upsertMark({ reference, account_id: actor.accountId, assigned_to: assigned, marked, updated_at: deps.clock() });
  if (set.assignToMe !== undefined) await audit(deps, actorWho(actor), 'review.assign', reference, { assigned: set.assignToMe });
  if (set.marked !== undefined) await audit(deps, actorWho(actor), 'review.mark', reference, { marked: set.marked });
  return { assignedToMe: assigned === actor.operatorId, marked: marked === 1 };
}
