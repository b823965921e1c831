/** DocuPass fail codes, exactly as the API reference lists them. */
export const FailCode = {
  SessionExpired: 0,
  DocumentNotRecognized: 1,
  AuthenticityFailed: 2,
  BiometricFailed: 3,
  DocumentExpired: 4,
  NameMismatch: 5,
  DobMismatch: 6,
  AddressMismatch: 7,
  PostcodeMismatch: 8,
  AgeOutOfRange: 9,
  KeyInformationMissing: 10,
  FrontBackMismatch: 11,
  CountryNotAccepted: 12,
  RegionNotAccepted: 13,
  DocumentTypeNotAccepted: 14,
  PhoneFailed: 15,
  DocumentNumberMismatch: 16,
  Other: 99,
} as const;
export type FailCodeValue = (typeof FailCode)[keyof typeof FailCode];

/** The reference's own wording for each code (the callback's `failreason` is more specific). */
export const FAIL_CODE_TITLES: Record<FailCodeValue, string> = {
  0: 'Session expired',
  1: 'Document not recognized or supported',
  2: 'Authenticity check failed',
  3: 'Biometric verification failed',
  4: 'Document expired',
  5: 'Name verification failed',
  6: 'Date of birth verification failed',
  7: 'Address verification failed',
  8: 'Postcode verification failed',
  9: 'Age verification failed',
  10: 'Key information missing from document',
  11: 'Information mismatch between front and back of document',
  12: 'Document was not issued by one of the specified countries',
  13: 'Document was not issued by one of the specified regions',
  14: 'Document of this type is not accepted',
  15: 'Phone verification failed',
  16: 'ID number verification failed',
  99: 'Other error',
};

/**
 * When several checks fail, the callback carries one code: the most fundamental problem first
 * (the document itself, then what it is, then whether it is genuine and current, then the
 * holder's data, then the person), so the business sees the cause rather than a consequence.
 * E.g. an unsupported document also fails the name check; "not recognized" is the useful answer.
 */
export const FAIL_CODE_PRIORITY: readonly FailCodeValue[] = [1, 10, 14, 12, 13, 4, 11, 2, 16, 5, 6, 9, 7, 8, 3, 15, 99];
