import { nameTokenVariants, normalizeName } from '../matching/normalize-name.ts';
import { missing, type CheckResult } from './check-result.ts';
import type { VerificationData } from './verification-input.ts';

/**
 * Fields the document reader reported as doubtful (`DocumentOutcome.doubtful`): read, but not
 * with enough certainty to be trusted alone. A check on such a field never passes silently
 * (docs/verification-rules.md, "Doubtful fields"): it passes only when the value the business
 * supplied equals the value read exactly — an independent source agreeing character for
 * character — and otherwise fails with 10 (the field is as good as missing), never with the
 * mismatch code, which would blame an honest person for a misread.
 */
export type Doubtful = ReadonlySet<string>;

export const NAME_FIELDS = ['firstName', 'middleName', 'lastName', 'fullName'] as const;
export const DOB_FIELDS = ['dob', 'dob_day', 'dob_month', 'dob_year', 'age'] as const;
export const EXPIRY_FIELDS = ['expiry', 'expiry_day', 'expiry_month', 'expiry_year'] as const;

export const anyDoubtful = (d: Doubtful | undefined, keys: readonly string[]) => !!d && keys.some((k) => d.has(k));

/** The "as good as missing" result for a check whose field was not read with certainty. */
export const notCertain = (key: string, field: string): CheckResult => missing(key, `${field} (not read with certainty)`);

/**
 * Every doubtful name part read from the document is among the expected name's words, letter for
 * letter (after the usual case/accent folding): the supplied name corroborates the read.
 */
export function namesExactlyCorroborated(expected: string, data: VerificationData, doubtful: Doubtful): boolean {
  // Every accepted spelling of the supplied name counts (MÜLLER is MUELLER in an MRZ).
  const want = new Set(nameTokenVariants(expected).flat());
  const parts = (['firstName', 'middleName', 'lastName'] as const).filter((k) => doubtful.has(k) || doubtful.has('fullName'));
  return parts.every((k) => {
    const v = data[k];
    return !v || normalizeName(v).split(/\s+/).filter(Boolean).every((w) => want.has(w));
  });
}
