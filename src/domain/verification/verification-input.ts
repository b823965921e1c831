import type { CreateOptions } from '../session/create-options.ts';
import type { DocumentAddress } from '../matching/addresses-match.ts';
import type { DocumentDates } from '../matching/dates-match.ts';
import type { DocumentName } from '../matching/names-match.ts';

/**
 * The subset of the DocuPass `data` object the rules read. Declared here rather than imported
 * from the document engine because domain code does not depend on engines; the engine's
 * `DocupassData` is structurally assignable to it.
 */
export type VerificationData = DocumentName & Omit<DocumentAddress, 'regionNames'> & DocumentDates & {
  documentNumber?: string;
  personalNumber?: string;
  documentType?: string;
  issuerOrg_iso2?: string;
  issuerOrg_iso3?: string;
  issuerOrg_full?: string;
  issuerOrg_region_full?: string;
  issuerOrg_region_abbr?: string;
};

export type VerificationOptions = Pick<
  CreateOptions,
  | 'documenttype' | 'documentcountry' | 'documentregion' | 'dualsidecheck' | 'verify_expiry'
  | 'verify_documentno' | 'verify_name' | 'verify_dob' | 'verify_age' | 'verify_address'
  | 'verify_postcode' | 'verify_phone' | 'phoneverification' | 'biometric' | 'biometric_threshold'
  | 'authenticate_minscore'
>;

export type DocumentOutcome = {
  /** False when no supported document was found in the images (fail code 1). */
  recognized: boolean;
  data: VerificationData;
  documentKind?: string;
  /** The document engine's reason when it did not recognise the document. */
  failureReason?: string;
  /**
   * Keys of `data` the reader could not settle (see doubtful-fields.ts): a check on one of them
   * passes only with exact corroboration, otherwise fails with 10. Absent: every field is sure.
   */
  doubtful?: readonly string[];
  /** Front/back comparison; null or absent when both sides were not read. */
  dualSide?: { match: boolean; mismatches: string[] } | null;
};

/** The face engine's `FaceComparison` is assignable; a failure carries the engine's human reason. */
export type FaceOutcome = {
  isIdentical?: boolean;
  confidence?: number;
  failure?: { code?: string; reason: string };
};

export type AuthenticationOutcome = { score: number };
export type PhoneOutcome = { verified: boolean; number?: string; type?: string };

export interface VerificationInput {
  options: VerificationOptions;
  document: DocumentOutcome;
  /** null when `biometric` is 0. */
  face: FaceOutcome | null;
  /** null when `authenticate_minscore` is 0. */
  authentication: AuthenticationOutcome | null;
  /** null when no phone verification was asked for. */
  phone: PhoneOutcome | null;
  /** Accepted only to state the rule in code: AML matches never change the outcome. */
  aml?: unknown[];
  now: Date;
}

export interface VerificationDecision {
  passed: boolean;
  failcode: number | null;
  failreason: string | null;
  /** One boolean per check performed, keys as documented in docs/verification-rules.md. */
  result: Record<string, boolean>;
}
