/**
 * The one error model. Services throw `DomainError(code, message, { reason, retryAfterSeconds })`;
 * the one mapper (src/http/plugins/error-mapper.ts) writes every error body
 * `{"error":{"code":N,"message":"...","reason"?,"retryAfterSeconds"?}}`. Every code is in this
 * table and in docs/errors.md; `ERROR_HTTP_STATUS` is the status used where a route answers real
 * HTTP statuses (the capture API, pages); the DocuPass-style APIs always answer 200.
 */
export const ErrorCode = {
  /** Missing, unknown or revoked API key; on the capture API, an expired or wrong upload token. */
  InvalidApiKey: 1,
  /** Too many requests for this key in the current minute. */
  RateLimited: 4,
  /** Image could not be used: wrong type, corrupt, too large, unreachable URL. */
  InvalidImage: 8,
  /** Core API: no document could be read in the image. */
  DocumentNotRecognised: 9,
  /** Core API: a document of a country, region or type the request does not accept. */
  DocumentNotAccepted: 10,
  /** Core API: front and back of the document do not match (`dualsidecheck`). */
  DualSideMismatch: 14,
  /** Body could not be parsed (malformed JSON, unsupported content type, too large). */
  MalformedRequest: 1000,
  /** A route that does not exist. */
  NotFound: 1001,
  /** A parameter is missing or has an invalid value; the message names it. */
  InvalidValue: 1002,
  /** `/docupass/validate`: reference and hash do not belong together. */
  InvalidReferenceOrHash: 1003,
  /** The session is not in a state that allows this (finished, being checked, nothing to sign). */
  SessionStateConflict: 1004,
  /** A route exists but not for this method (e.g. GET /docupass/create). */
  MethodNotAllowed: 1005,
  /** A signed file link whose time is up. */
  LinkExpired: 1006,
  /** A file link whose signature does not check out. */
  LinkInvalid: 1007,
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

/** HTTP status for routes that answer real statuses; codes not listed answer 400. */
export const ERROR_HTTP_STATUS: Readonly<Partial<Record<ErrorCodeValue, number>>> = {
  [ErrorCode.InvalidApiKey]: 403,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.SessionStateConflict]: 409,
  [ErrorCode.MethodNotAllowed]: 405,
  [ErrorCode.LinkExpired]: 410,
  [ErrorCode.LinkInvalid]: 403,
  [ErrorCode.PortalNotSignedIn]: 401,
  [ErrorCode.PortalForbidden]: 403,
  [ErrorCode.PortalCsrfRefused]: 403,
  [ErrorCode.PortalSignInFailed]: 401,
  [ErrorCode.PortalLocked]: 429,
  [ErrorCode.Internal]: 500,
};

/** What the person in front of the screen can do about it: a short machine reason and a wait. */
export type ErrorHints = {
  /** Stable word the browser app switches on (`token`, `finished`, `wrong_code`, …). */
  reason?: string;
  /** Try again after this many seconds (rate limits, SMS resend). */
  retryAfterSeconds?: number;
};

export class DomainError extends Error {
  readonly reason?: string;
  readonly retryAfterSeconds?: number;
  constructor(
    readonly code: ErrorCodeValue,
    message: string,
    hints: ErrorHints = {},
  ) {
    super(message);
    this.name = 'DomainError';
    if (hints.reason) this.reason = hints.reason;
    if (hints.retryAfterSeconds) this.retryAfterSeconds = hints.retryAfterSeconds;
  }
}

/** `Invalid value for \`param\`: detail` (detail says what is expected). */
export const invalidValue = (param: string, detail?: string, hints?: ErrorHints): DomainError =>
  new DomainError(ErrorCode.InvalidValue, `Invalid value for \`${param}\`${detail ? `: ${detail}` : ''}`, hints);
