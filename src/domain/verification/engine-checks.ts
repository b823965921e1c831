import { fail, pass, type CheckResult } from './check-result.ts';
import { FailCode } from './fail-codes.ts';
import type { AuthenticationOutcome, FaceOutcome, PhoneOutcome, VerificationOptions } from './verification-input.ts';

/** The reference's own failreason for a face that does not match. */
export const FACE_MISMATCH_REASON = 'Face photo does not match with provided document.';

/**
 * `biometric` 1/2. The engine already decided `isIdentical` at the session's threshold; the
 * threshold is applied again so a result computed with another threshold cannot pass by accident.
 * When the engine could not compare (no face, blurred, eyes closed, challenge not followed…) its
 * own reason is the failreason; a plain mismatch uses the reference's sentence.
 */
export function checkFace(face: FaceOutcome, threshold: number): CheckResult {
  const ok = !face.failure && face.isIdentical === true && typeof face.confidence === 'number' && face.confidence >= threshold;
  if (ok) return pass('face');
  const specific = face.failure && face.failure.code !== 'face_mismatch' ? face.failure.reason : undefined;
  return fail('face', FailCode.BiometricFailed, specific ?? FACE_MISMATCH_REASON);
}

export function checkAuthentication(auth: AuthenticationOutcome, minscore: number): CheckResult {
  if (auth.score >= minscore) return pass('authentication');
  return fail('authentication', FailCode.AuthenticityFailed, `Document failed the authenticity check (score ${auth.score} is below the required ${minscore}).`);
}

const digits = (s: string) => s.replace(/\D/g, '');

/** `phoneverification` / `verify_phone`: verified, and when the number was fixed, that very number. */
export function checkPhone(phone: PhoneOutcome | null, fixedNumber: string | undefined): CheckResult {
  if (!phone || !phone.verified) return fail('phone', FailCode.PhoneFailed, 'Phone number could not be verified.');
  if (fixedNumber && (!phone.number || digits(phone.number) !== digits(fixedNumber))) {
    return fail('phone', FailCode.PhoneFailed, 'The verified phone number is not the number provided.');
  }
  return pass('phone');
}

const missingEngine = (key: string, what: string): CheckResult =>
  fail(key, FailCode.Other, `Verification could not be completed: no ${what} result.`);

/** Face, authenticity and phone checks; a check the options require but that produced nothing fails closed (99). */
export function engineChecks(
  o: VerificationOptions,
  face: FaceOutcome | null,
  auth: AuthenticationOutcome | null,
  phone: PhoneOutcome | null,
): CheckResult[] {
  const out: CheckResult[] = [];
  if (o.biometric > 0) out.push(face ? checkFace(face, o.biometric_threshold) : missingEngine('face', 'face comparison'));
  if (o.authenticate_minscore > 0) {
    out.push(auth ? checkAuthentication(auth, o.authenticate_minscore) : missingEngine('authentication', 'authenticity'));
  }
  if (o.phoneverification || o.verify_phone) out.push(checkPhone(phone, o.verify_phone));
  return out;
}
