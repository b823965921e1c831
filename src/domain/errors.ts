/**
 * Errors with stable codes; the HTTP layer turns them into the DocuPass body
 * `{"error":{"code":N,"message":"..."}}`. The full table is in docs/errors.md.
 */
export const ErrorCode = {
  /** Missing, unknown or revoked API key. */
  InvalidApiKey: 1,
  /** Too many requests for this key in the current minute. */
  RateLimited: 4,
  /** Image could not be used: wrong type, corrupt, too large, unreachable URL. */
  InvalidImage: 8,
  /** Body could not be parsed (malformed JSON, unsupported content type, too large). */
  MalformedRequest: 1000,
  /** A route that does not exist. */
  NotFound: 1001,
  /** A parameter is missing or has an invalid value; the message names it. */
  InvalidValue: 1002,
  /** `/docupass/validate`: reference and hash do not belong together. */
  InvalidReferenceOrHash: 1003,
  /** Invalid or unreachable phone number for an SMS link. */
  InvalidPhoneNumber: 1050,
  /** Portal: not signed in, or the portal session ended (idle or absolute timeout, signed out). */
  PortalNotSignedIn: 1601,
  /** Portal: the operator's role does not allow this. */
  PortalForbidden: 1602,
  /** Portal: a state-changing request without the session's CSRF token or from another origin. */
  PortalCsrfRefused: 1603,
  /** Portal: wrong e-mail, password or second-factor code. */
  PortalSignInFailed: 1604,
  /** Portal: too many sign-in attempts; the operator is locked for a while. */
  PortalLocked: 1605,
  /** Unexpected server fault; the request id is in the message. */
  Internal: 9999,
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCodeValue,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalidValue = (param: string, detail?: string): DomainError =>
  new DomainError(ErrorCode.InvalidValue, `Invalid value for \`${param}\`${detail ? `: ${detail}` : ''}`);
