export { decideVerification } from './decide-verification.ts';
export { FailCode, FAIL_CODE_TITLES, FAIL_CODE_PRIORITY, type FailCodeValue } from './fail-codes.ts';
export { FACE_MISMATCH_REASON } from './engine-checks.ts';
export type {
  VerificationInput, VerificationDecision, VerificationOptions, VerificationData,
  DocumentOutcome, FaceOutcome, AuthenticationOutcome, PhoneOutcome,
} from './verification-input.ts';
