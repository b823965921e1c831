import type { ServiceDeps } from '../../services/deps.ts';
import type { StoredVerification } from '../../services/verification/verification-payload.ts';
import type { FaceFailureCode } from '../../engines/face/face-types.ts';
import { FailCode } from '../../domain/verification/fail-codes.ts';
import type { CheckFailure, FaceReason } from '../../contract/capture-failures.ts';

type Attempt = { passed: number; failcode: number | null; result_key: string | null };

/** The fail code of each `verification.result` key (docs/verification-rules.md). */
const CHECK_CODE: Record<string, number> = {
  unread: FailCode.DocumentNotRecognized,
  authentication: FailCode.AuthenticityFailed,
  face: FailCode.BiometricFailed,
  notexpired: FailCode.DocumentExpired,
  name: FailCode.NameMismatch,
  dob: FailCode.DobMismatch,
  address: FailCode.AddressMismatch,
  postcode: FailCode.PostcodeMismatch,
  age: FailCode.AgeOutOfRange,
  dualside: FailCode.FrontBackMismatch,
  documentcountry: FailCode.CountryNotAccepted,
  documentregion: FailCode.RegionNotAccepted,
  documenttype: FailCode.DocumentTypeNotAccepted,
  phone: FailCode.PhoneFailed,
  documentno: FailCode.DocumentNumberMismatch,
};

/** The engine's own failure code is a reason key as it is (the type says every code is one). */
const asReason = (code: FaceFailureCode): FaceReason => code;

/** Why the face check failed: the engine's failure code, a plain mismatch, or no result at all. */
function faceReason(stored: StoredVerification): FaceReason {
  const face = stored.evidence.face;
  if (!face) return 'face_not_checked';
  const failure = face.kind === 'photo' ? face.comparison.failure : (face.video.failure ?? face.video.comparison?.failure);
  if (failure?.code) return asReason(failure.code);
  if (failure) return 'face_not_checked';
  return 'face_mismatch';
}

/**
 * Every failed check of a stored attempt with its fail code and reason key, in the decision's
 * order; an unreadable document (which has no `result` key) first. Nothing personal: check names,
 * codes and engine reason codes only.
 */
export function checkFailures(stored: StoredVerification): CheckFailure[] {
  const d = stored.decision;
  if (d.passed) return [];
  const out: CheckFailure[] = [];
  if (d.failcode === FailCode.DocumentNotRecognized || (stored.evidence.reading && stored.evidence.reading.failure)) out.push({ check: 'unread', code: FailCode.DocumentNotRecognized, reason: 'unread' });
  for (const [check, passed] of Object.entries(d.result ?? {})) {
    if (passed) continue;
    out.push({ check, code: CHECK_CODE[check] ?? FailCode.Other, reason: check === 'face' ? faceReason(stored) : check });
  }
  if (!out.length && d.failcode !== null) out.push({ check: 'other', code: d.failcode, reason: 'other' });
  return out;
}

/** The failed checks of the last attempt, read from its stored decision; none when it cannot be read. */
export async function lastAttemptFailures(deps: ServiceDeps, attempt: Attempt | undefined): Promise<CheckFailure[]> {
  if (!attempt || attempt.passed || !attempt.result_key) return [];
  try {
    return checkFailures(JSON.parse((await deps.files.get(attempt.result_key)).toString('utf8')) as StoredVerification);
  } catch {
    return [];
  }
}
