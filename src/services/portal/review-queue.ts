import type { StoredVerification } from '../verification/verification-payload.ts';
import type { PortalDeps } from './portal-deps.ts';

export type QueueReason = 'aml' | 'near-threshold' | 'marked';
export type QueueEntry = { reference: string; reasons: QueueReason[]; updated: number };

/** A stored result never changes once written: its summary is cached by storage key. */
const summaries = new Map<string, { aml: boolean; near: boolean }>();
const QUEUE_WINDOW = 500;

export function summarise(stored: StoredVerification): { aml: boolean; near: boolean } {
  const e = stored.evidence;
  const face = e.face?.kind === 'photo' ? e.face.comparison : e.face?.video.comparison;
  // Within 0.05 of the face threshold, or an authenticity score within 0.1 of passing.
  const nearFace = !!face && Number.isFinite(face.confidence) && Math.abs(face.confidence - face.threshold) < 0.05;
  const auth = e.authentication && 'score' in e.authentication ? e.authentication : null;
  const nearAuth = !!auth && !stored.decision.passed && stored.decision.result.authentication === false && auth.score >= 0.4;
  return { aml: e.aml.length > 0, near: nearFace || nearAuth };
}

/**
 * Sessions that need a person: AML hits, failed checks near a threshold, or marked by a
 * reviewer — among the latest finished sessions, without a decision yet.
 */
export async function reviewQueueReferences(deps: PortalDeps, accountId: string): Promise<QueueEntry[]> {
  const finished = await deps.portal.queries.findFinished(accountId, QUEUE_WINDOW);
  const decided = new Set((await deps.portal.reviews.findForReferences(accountId, finished.map((f) => f.reference))).map((r) => r.reference));
  const marks = new Map((await deps.portal.reviews.findMarks(accountId)).map((m) => [m.reference, m]));
  const out: QueueEntry[] = [];
  for (const f of finished) {
    if (decided.has(f.reference)) continue;
    const reasons: QueueReason[] = [];
    const attempts = await deps.verificationAttempts.findForReference(f.reference);
    const key = [...attempts].reverse().find((a) => a.result_key)?.result_key;
    if (key) {
      let s = summaries.get(key);
      if (!s) {
        s = summarise(JSON.parse((await deps.files.get(key)).toString('utf8')) as StoredVerification);
        summaries.set(key, s);
      }
      if (s.aml) reasons.push('aml');
      if (s.near) reasons.push('near-threshold');
    }
    if (marks.get(f.reference)?.marked) reasons.push('marked');
    if (reasons.length) out.push({ reference: f.reference, reasons, updated: f.updated_at });
  }
  return out;
}
