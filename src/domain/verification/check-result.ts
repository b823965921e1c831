import type { FailCodeValue } from './fail-codes.ts';

/** Outcome of one check: its `verification.result` key, and when it failed, why. */
export type CheckResult = {
  key: string;
  passed: boolean;
  failcode?: FailCodeValue;
  reason?: string;
  /** Set instead of a reason when the document lacks the field the check needs (fail code 10). */
  missing?: string;
};

export const pass = (key: string): CheckResult => ({ key, passed: true });
export const fail = (key: string, failcode: FailCodeValue, reason: string): CheckResult => ({ key, passed: false, failcode, reason });
export const missing = (key: string, field: string): CheckResult => ({ key, passed: false, failcode: 10, missing: field });
