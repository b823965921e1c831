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
