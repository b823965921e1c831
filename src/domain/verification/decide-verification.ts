import type { CheckResult } from './check-result.ts';
import { documentChecks } from './document-checks.ts';
import { engineChecks } from './engine-checks.ts';
import { FAIL_CODE_PRIORITY, FailCode, type FailCodeValue } from './fail-codes.ts';
import { holderChecks } from './holder-checks.ts';
import type { VerificationDecision, VerificationInput } from './verification-input.ts';

/** `verification.result` key order: the reference example's keys first, then ours. */
const RESULT_ORDER = [
  'face', 'notexpired', 'name', 'dob', 'postcode', 'address',
  'documentno', 'age', 'documenttype', 'documentcountry', 'documentregion', 'dualside', 'authentication', 'phone',
];

function documentNotRecognized(reason: string | undefined): CheckResult {
  const detail = reason ? ` ${reason.trim().replace(/\.?$/, '.')}` : '';
  return { key: '', passed: false, failcode: FailCode.DocumentNotRecognized, reason: `Document not recognized or supported.${detail}` };
}

/**
 * The DocuPass decision over one attempt (rules in docs/verification-rules.md). Pure: every input,
 * including the clock, is passed in. AML results are deliberately not read (`input.aml`): the
 * reference says matches warrant manual review but never alter the outcome.
 */
export function decideVerification(input: VerificationInput): VerificationDecision {
  const { options: o, document: doc, now } = input;
  const checks: CheckResult[] = [];
  // Without a recognised document there is no data to hold the document rules against.
  if (doc.recognized) checks.push(...documentChecks(o, doc, now), ...holderChecks(o, doc.data, now, doc.doubtful?.length ? new Set(doc.doubtful) : undefined));
  else checks.push(documentNotRecognized(doc.failureReason));
  checks.push(...engineChecks(o, input.face, input.authentication, input.phone));

  const result: Record<string, boolean> = {};
  for (const key of RESULT_ORDER) {
    const check = checks.find((c) => c.key === key);
    if (check) result[key] = check.passed;
  }
  const failed = checks.filter((c) => !c.passed);
  if (failed.length === 0) return { passed: true, failcode: null, failreason: null, result };

  const failcode = FAIL_CODE_PRIORITY.find((code) => failed.some((c) => c.failcode === code)) ?? FailCode.Other;
  return { passed: false, failcode, failreason: reasonFor(failcode, failed), result };
}

function reasonFor(code: FailCodeValue, failed: CheckResult[]): string {
  const same = failed.filter((c) => c.failcode === code);
  if (code === FailCode.KeyInformationMissing) {
    const fields = [...new Set(same.map((c) => c.missing).filter(Boolean))];
    return `Key information missing from document: ${fields.join(', ')}.`;
  }
  return same[0].reason ?? 'Verification failed.';
}
