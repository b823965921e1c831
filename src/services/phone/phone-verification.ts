import { createHash, timingSafeEqual } from 'node:crypto';
import { parsePhoneNumberFromString, type NumberType } from 'libphonenumber-js/max';
import type { ServiceDeps } from '../deps.ts';
import { failPhoneVerification } from '../verification/verify-session.ts';
export { getVerifiedPhone } from './verified-phone.ts';
import type { PhoneVerificationRow } from '../../database/repositories/capture-repository.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import type { CreateOptions } from '../../domain/session/create-options.ts';

/** Limits of the one-time code; chosen so a guesser gets at most 25 tries at 1 in a million. */
export const PHONE_LIMITS = { codeTtlMs: 10 * 60_000, maxAttempts: 5, resendIntervalMs: 30_000, maxSends: 5, codeLength: 6 } as const;

import type { PhoneType } from './verified-phone.ts';
export type { PhoneType } from './verified-phone.ts';
export type PhoneFailure =
  | 'invalid_number'
  | 'unsupported_number'
  | 'fixed_number'
  | 'resend_too_soon'
  | 'too_many_sends'
  | 'send_failed'
  | 'no_code'
  | 'code_expired'
  | 'wrong_code'
  | 'too_many_attempts'
  | 'not_required';

/** A refusal the user can act on; `reason` is translated by the capture app. */
export class PhoneVerificationError extends DomainError {
  declare readonly reason: PhoneFailure;
  constructor(reason: PhoneFailure, message: string, retryAfterSeconds?: number) {
    super(ErrorCode.InvalidValue, message, { reason, retryAfterSeconds });
  }
}

type Deps = Pick<ServiceDeps, 'sessions' | 'capture' | 'sms' | 'clock' | 'randomBytes' | 'logger'>;

// Fixed lines cannot receive SMS, so they get the code in a voice call. Numbers that may be
// either (all of the US and Canada) are treated as mobile: SMS reaches them in practice.
const SMS_TYPES: ReadonlySet<NumberType> = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE', 'VOIP', 'PERSONAL_NUMBER', undefined]);

/** Parses and types a number with full metadata; `country` helps read a national format. */
export function classifyPhone(raw: string, country?: string): { number: string; type: PhoneType } {
  const parsed = parsePhoneNumberFromString(raw.trim(), { defaultCountry: country && /^[A-Z]{2}$/.test(country) ? (country as never) : undefined });
  if (!parsed || !parsed.isValid()) throw new PhoneVerificationError('invalid_number', 'That is not a valid phone number');
  const t = parsed.getType();
  if (t === 'FIXED_LINE') return { number: parsed.number, type: 'landline' };
  if (SMS_TYPES.has(t)) return { number: parsed.number, type: 'mobile' };
  throw new PhoneVerificationError('unsupported_number', `Numbers of this kind (${t?.toLowerCase().replace(/_/g, ' ')}) cannot receive a code`);
}

const hashCode = (reference: string, code: string) => createHash('sha256').update(`${reference}:${code}`).digest('hex');

function newCode(deps: Pick<ServiceDeps, 'randomBytes'>): string {
  // Rejection sampling keeps every 6-digit code equally likely.
  for (;;) {
    const n = deps.randomBytes(4).readUInt32BE(0);
    if (n < 4_294_000_000) return String(n % 10 ** PHONE_LIMITS.codeLength).padStart(PHONE_LIMITS.codeLength, '0');
  }
}

async function sessionPhoneOptions(deps: Deps, reference: string): Promise<{ accountId: string; company: string; fixed?: string }> {
  const session = await deps.sessions.findByReference(reference);
  if (!session || session.kind !== 'verification') throw new PhoneVerificationError('not_required', 'This session does not verify a phone number');
  const o = session.options;
  if (!o.phoneverification && !o.verify_phone) throw new PhoneVerificationError('not_required', 'This session does not verify a phone number');
  return { accountId: session.account_id, company: o.companyname, fixed: o.verify_phone };
}

export type PhoneStepState = { fixedNumber?: string; number?: string; type?: PhoneType; codeSent: boolean; verified: boolean; resendInSeconds: number };

/** What the phone step shows: the fixed number (if the business set one) and how far the user got. */
export async function getPhoneStepState(deps: Deps, reference: string): Promise<PhoneStepState> {
  const { fixed } = await sessionPhoneOptions(deps, reference);
  const row = await deps.capture.getPhone(reference);
  const now = deps.clock();
  const wait = row?.last_sent_at ? Math.max(0, Math.ceil((row.last_sent_at + PHONE_LIMITS.resendIntervalMs - now) / 1000)) : 0;
  return {
    ...(fixed ? { fixedNumber: fixed } : {}),
    ...(row ? { number: row.number, type: row.number_type as PhoneType } : {}),
    codeSent: !!row?.code_hash,
    verified: !!row?.verified_at,
    resendInSeconds: wait,
  };
}

/**
 * Sends a code to the number (by SMS to a mobile, by voice call to a landline). With
 * `verify_phone` the business's number is used and any other is refused. Sends are limited in
 * rate and count per session, whichever number they go to.
 */
export async function sendPhoneCode(deps: Deps, reference: string, input: { number?: string; country?: string }): Promise<{ number: string; type: PhoneType; channel: 'sms' | 'voice' }> {
  const { accountId, company, fixed } = await sessionPhoneOptions(deps, reference);
  const raw = fixed ?? input.number ?? '';
  const phone = classifyPhone(raw, input.country);
  if (fixed && input.number && classifyPhoneOrNull(input.number, input.country) !== phone.number) {
    throw new PhoneVerificationError('fixed_number', 'This verification is for a number set by the business and cannot be changed');
  }
  const now = deps.clock();
  const row = await deps.capture.getPhone(reference);
  if (row?.verified_at && row.number === phone.number) return { number: phone.number, type: phone.type, channel: phone.type === 'mobile' ? 'sms' : 'voice' };
  if (row && row.sends >= PHONE_LIMITS.maxSends) throw new PhoneVerificationError('too_many_sends', 'Too many codes were sent for this session');
  if (row?.last_sent_at && now - row.last_sent_at < PHONE_LIMITS.resendIntervalMs) {
    const wait = Math.ceil((row.last_sent_at + PHONE_LIMITS.resendIntervalMs - now) / 1000);
    throw new PhoneVerificationError('resend_too_soon', `Wait ${wait} seconds before asking for another code`, wait);
  }
  const code = newCode(deps);
  const next: PhoneVerificationRow = {
    reference,
    account_id: accountId,
    number: phone.number,
    number_type: phone.type,
    code_hash: hashCode(reference, code),
    code_expires_at: now + PHONE_LIMITS.codeTtlMs,
    attempts: 0,
    sends: (row?.sends ?? 0) + 1,
    last_sent_at: now,
    verified_at: null,
    created_at: row?.created_at ?? now,
    updated_at: now,
  };
  // Stored before sending: a crash after the send still lets the user type the code they got.
  await deps.capture.upsertPhone(next);
  const channel = phone.type === 'mobile' ? 'sms' : 'voice';
  const body = channel === 'sms' ? `${company}: your verification code is ${code}. It expires in ${Math.round(PHONE_LIMITS.codeTtlMs / 60_000)} minutes.` : `Your ${company} verification code is ${code}.`;
  try {
    await deps.sms.send({ to: phone.number, body, purpose: 'phone_verification', channel });
  } catch (e) {
    deps.logger.warn({ err: e, reference }, 'phone verification code could not be sent');
    throw new PhoneVerificationError('send_failed', 'The code could not be sent to this number');
  }
  return { number: phone.number, type: phone.type, channel };
}

function classifyPhoneOrNull(raw: string, country?: string): string | null {
  try {
    return classifyPhone(raw, country).number;
  } catch {
    return null;
  }
}

/** Checks a code; a right code within its lifetime and attempt budget marks the number verified. */
export async function confirmPhoneCode(deps: Deps, reference: string, code: string): Promise<{ number: string; type: PhoneType }> {
  await sessionPhoneOptions(deps, reference);
  const row = await deps.capture.getPhone(reference);
  if (row?.verified_at) return { number: row.number, type: row.number_type as PhoneType };
  if (!row?.code_hash || row.code_expires_at === null) throw new PhoneVerificationError('no_code', 'Ask for a code first');
  const now = deps.clock();
  if (now >= row.code_expires_at) throw new PhoneVerificationError('code_expired', 'This code has expired; ask for a new one');
  if (!(await deps.capture.countAttempt(reference, PHONE_LIMITS.maxAttempts, now))) {
    if (row.sends >= PHONE_LIMITS.maxSends) {
      // No code can be sent any more: the phone step has failed for good (DocuPass fail code 15).
      await failPhoneVerification(deps as ServiceDeps, reference);
      throw new PhoneVerificationError('too_many_attempts', 'Too many wrong codes; phone verification has failed');
    }
    throw new PhoneVerificationError('too_many_attempts', 'Too many wrong codes; ask for a new one');
  }
  const given = Buffer.from(hashCode(reference, code.replace(/\D/g, '')), 'hex');
  if (!timingSafeEqual(given, Buffer.from(row.code_hash, 'hex'))) throw new PhoneVerificationError('wrong_code', 'That code is not right');
  await deps.capture.upsertPhone({ ...row, attempts: row.attempts + 1, code_hash: null, code_expires_at: null, verified_at: now, updated_at: now });
  return { number: row.number, type: row.number_type as PhoneType };
}
