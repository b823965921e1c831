import { DomainError, ErrorCode } from '../../domain/errors.ts';
import type { StoredVerification } from '../verification/verification-payload.ts';
import { listDeliveries } from '../callbacks/callback-delivery.ts';
import { latestByRole } from '../session/session-inputs.ts';
import { actorWho, audit } from './audit.ts';
import { findContractKey, portalImageUrl } from './image-links.ts';
import { maskField, MASK } from './masking.ts';
import { can, requireCapability } from './permissions.ts';
import type { Actor, PortalDeps } from './portal-deps.ts';
import { iso } from './paging.ts';

export type Check = { name: string; passed: boolean | null; reason: string | null };
export type PortalImage = { kind: 'document-front' | 'document-back' | 'face'; url: string | null };


/** The latest attempt that stored a result (the evidence the decision was made on). */
export async function latestStoredResult(deps: PortalDeps, reference: string): Promise<{ stored: StoredVerification | null; attempts: Awaited<ReturnType<PortalDeps['verificationAttempts']['findForReference']>> }> {
  const attempts = await deps.verificationAttempts.findForReference(reference);
  const last = [...attempts].reverse().find((a) => a.result_key);
  if (!last?.result_key) return { stored: null, attempts };
  return { stored: JSON.parse((await deps.files.get(last.result_key)).toString('utf8')) as StoredVerification, attempts };
}

const CHECK_REASONS: Record<string, string> = {
  documentNumber: 'Document number compared with verify_documentno',
  name: 'Name compared with verify_name',
  dob: 'Date of birth compared with verify_dob',
  age: 'Age within verify_age',
  address: 'Address compared with verify_address',
  postcode: 'Postcode compared with verify_postcode',
  expiry: 'Document not expired',
  face: 'Selfie matches the document portrait',
  authentication: 'Authenticity score at or above the minimum',
  dualside: 'Front and back agree',
  phone: 'Phone number verified',
  aml: 'No match on the sanctions and PEP lists',
};

function checksOf(stored: StoredVerification): Check[] {
  const { decision, evidence } = stored;
  const checks: Check[] = Object.entries(decision.result).map(([name, passed]) => ({ name, passed, reason: CHECK_REASONS[name] ?? null }));
  if (evidence.reading?.failure) checks.unshift({ name: 'document', passed: false, reason: evidence.reading.failure.reason });
  else if (evidence.reading) checks.unshift({ name: 'document', passed: true, reason: `Read from ${evidence.reading.mrz ? 'the MRZ' : evidence.reading.barcode ? 'the PDF417 barcode' : 'the printed zone'}` });
  const auth = evidence.authentication;
  if (auth && 'score' in auth) for (const [k, v] of Object.entries(auth.breakdown)) checks.push({ name: `authenticity.${k}`, passed: v.passed, reason: v.reason ?? null });
  else if (auth && 'notPerformed' in auth) checks.push({ name: 'authenticity', passed: null, reason: `not performed: ${auth.notPerformed}` });
  if (evidence.sides) checks.push({ name: 'dual side', passed: evidence.sides.match, reason: evidence.sides.mismatches.length ? `Differs: ${evidence.sides.mismatches.join(', ')}` : 'Front and back agree' });
  return checks;
}

/**
 * Everything the session page shows. Personal values are masked here for roles without `pii`
 * and images are withheld; the view (not its content) is written to the audit log.
 */
export async function getSessionDetail(deps: PortalDeps, actor: Actor, reference: string) {
  requireCapability(actor, 'sessions');
  const session = await deps.sessions.findForAccount(actor.accountId, reference);
  if (!session || session.kind !== 'verification') throw new DomainError(ErrorCode.InvalidValue, `Session ${reference} not found`);
  const masked = !can(actor.role, 'pii');
  const erased = await deps.portal.settings.isErased(actor.accountId, reference);
  const { stored, attempts } = await latestStoredResult(deps, reference);
  const face = stored?.evidence.face?.kind === 'photo' ? stored.evidence.face.comparison : stored?.evidence.face?.video.comparison;
  const auth = stored?.evidence.authentication && 'score' in stored.evidence.authentication ? stored.evidence.authentication : null;
  const fields = Object.entries(stored?.evidence.reading?.data ?? {}).map(([name, v]) => ({ name, value: maskField(name, String(v), masked) }));
  const images: PortalImage[] = [];
  const allFiles = await deps.sessions.findFiles(actor.accountId, reference);
  const files = latestByRole(allFiles);
  const present: Array<[PortalImage['kind'], boolean]> = [
    ['document-front', files.has('document')],
    ['document-back', files.has('document_back')],
    ['face', files.has('face') || files.has('face_best_frame')],
  ];
  // Viewers get no image link at all (withheld, not just blurred in the browser).
  for (const [kind, has] of present) if (has) images.push({ kind, url: can(actor.role, 'images') ? portalImageUrl(deps, actor.accountId, reference, kind) : null });
  const deliveries = (await listDeliveries(deps, actor.accountId, reference)).items;
  const reviews = await deps.portal.reviews.findForReference(actor.accountId, reference);
  const mark = (await deps.portal.reviews.findMarks(actor.accountId, [reference]))[0];
  const timeline = [
    { time: iso(session.created_at), event: 'Session created' },
    ...attempts.map((a) => ({ time: iso(a.created_at), event: `Verification attempt ${a.attempt}: ${a.passed ? 'passed' : `failed (code ${a.failcode})`}` })),
    ...deliveries.flatMap((d) => d.log.map((l) => ({ time: l.time, event: `Callback attempt ${l.attempt} (${l.trigger}): ${l.status ?? l.error ?? 'no answer'}` }))),
    ...reviews.map((r) => ({ time: iso(r.created_at), event: `Review: ${r.decision} (${r.reason}) by ${r.operator_email}` })),
  ].sort((a, b) => String(a.time).localeCompare(String(b.time)));
  await audit(deps, actorWho(actor), 'session.view', reference, { masked, images: images.filter((i) => i.url).length });
  return {
    reference: session.reference,
    customid: session.customid,
    state: session.state,
    created: iso(session.created_at)!,
    updated: iso(session.updated_at)!,
    expires: iso(session.expires_at)!,
    attempts: session.attempts,
    outcome: session.outcome_success === null ? null : { success: session.outcome_success === 1, failcode: session.outcome_failcode, failreason: stored?.decision.failreason ?? null },
    masked,
    fields,
    checks: stored ? checksOf(stored) : [],
    face: face ? { isIdentical: face.isIdentical, confidence: face.confidence, threshold: face.threshold } : null,
    authentication: auth ? { score: auth.score, warnings: auth.warning ?? [] } : null,
    aml: (stored?.evidence.aml ?? []).map((h) => ({
      database: h.database,
      name: masked ? MASK : h.fullname.join(' / '),
      program: h.program.join(', '),
      score: h.score,
      matched: h.matched.fields,
    })),
    images,
    contract: (await findContractKey(deps, actor.accountId, reference)) ? { url: can(actor.role, 'images') ? portalImageUrl(deps, actor.accountId, reference, 'contract') : null } : null,
    timeline,
    deliveries: deliveries.map((d) => ({ id: d.id, url: d.url, state: d.state, attempts: d.attempts, created: d.created, log: d.log.map((l) => ({ attempt: l.attempt, trigger: l.trigger, time: l.time, latency_ms: l.latency_ms, status: l.status, error: l.error, response: l.response })) })),
    reviews: reviews.map((r) => ({ decision: r.decision, reason: r.reason, note: masked ? null : r.note, by: r.operator_email, time: iso(r.created_at)! })),
    assignedToMe: mark?.assigned_to === actor.operatorId,
    marked: mark?.marked === 1,
    erased,
    // No decision on an erased session (the evidence is gone) or an unfinished one.
    canDecide: can(actor.role, 'decide') && !erased && ['succeeded', 'failed'].includes(session.state),
  };
}
export type SessionDetail = Awaited<ReturnType<typeof getSessionDetail>>;
