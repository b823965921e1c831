/**
 * Builders for the four DocuPass callback bodies, key for key as the reference's examples
 * (success, failure, signature, expired). They take parts already computed (the `hash` from
 * `callbackHash`, the decision, image entries); they decide only the shape. Optional blocks are
 * omitted when their part is null/undefined, which is how the caller says "the session did not
 * ask for it" (rules in docs/verification-rules.md, "Callback payloads").
 */

/** A `documentimage` / `faceimage` entry: base64 `content` for return_type 0, hosted `url` for 1. */
export type CallbackImage = { side?: 'FRONT' | 'BACK' | 'BIODATA'; type: string; content?: string; url?: string };

export type CallbackFace = { isIdentical: boolean; confidence: string };
export type CallbackVerification = { passed: boolean; result: Record<string, boolean> };
export type CallbackPhone = { number: string; type: string };
export type CallbackContract = { document_url: string };
export type CallbackAuthentication = {
  score: number;
  breakdown?: Record<string, { passed: boolean; reason?: string }>;
  warning?: string[];
};

type Envelope = { success: boolean; reference: string; hash: string; customid: string | null };

export type SuccessPayload = Envelope & {
  success: true;
  data: Record<string, unknown>;
  contract?: CallbackContract;
  phone?: CallbackPhone;
  face?: CallbackFace;
  verification: CallbackVerification;
  authentication?: CallbackAuthentication;
  aml: unknown[];
  documentimage: CallbackImage[];
  faceimage: CallbackImage[];
  vaultid?: string;
};
export type FailurePayload = Omit<SuccessPayload, 'success'> & { success: false; failreason: string; failcode: number };
export type SignaturePayload = Envelope & { success: true; contract: CallbackContract };
export type ExpiredPayload = Envelope & { success: false; failreason: 'Session expired'; failcode: 0 };

export type EnvelopeParts = { reference: string; hash: string; customid?: string | null };

export type VerificationParts = EnvelopeParts & {
  decision: { passed: boolean; failcode: number | null; failreason: string | null; result: Record<string, boolean> };
  data: Record<string, unknown> | null | undefined;
  /** The face comparison; null when biometric was 0. */
  face?: { isIdentical: boolean; confidence: number } | null;
  /** null when authenticate_minscore was 0. */
  authentication?: CallbackAuthentication | null;
  /** The verified phone; null when no phone verification was asked for or none was verified. */
  phone?: CallbackPhone | null;
  contract?: CallbackContract | null;
  aml?: unknown[] | null;
  /** Empty when return_documentimage / return_faceimage is off: the keys stay, as arrays. */
  documentimage?: CallbackImage[];
  faceimage?: CallbackImage[];
  /** The vault entry id when vault_save stored one. */
  vaultid?: string | null;
};

/** The reference prints confidence as a string with three decimals ("0.901"). */
export function formatConfidence(confidence: number): string {
  const c = Number.isFinite(confidence) ? Math.min(1, Math.max(0, confidence)) : 0;
  return c.toFixed(3);
}

function envelope(p: EnvelopeParts) {
  return { reference: p.reference, hash: p.hash, customid: p.customid ?? null };
}

function image(i: CallbackImage): CallbackImage {
  // Exactly one of url/content, as the PHP example reads `$image['url']` then `$image['content']`.
  const source = i.url !== undefined ? { url: i.url } : { content: i.content ?? '' };
  return { ...(i.side ? { side: i.side } : {}), type: i.type, ...source };
}

/** Blocks shared by success and failure, in the reference's order, optional ones left out when absent. */
function body(p: VerificationParts) {
  return {
    data: p.data ?? {},
    ...(p.contract ? { contract: { document_url: p.contract.document_url } } : {}),
    ...(p.phone ? { phone: { number: p.phone.number, type: p.phone.type } } : {}),
    ...(p.face ? { face: { isIdentical: p.face.isIdentical, confidence: formatConfidence(p.face.confidence) } } : {}),
    verification: { passed: p.decision.passed, result: { ...p.decision.result } },
    ...(p.authentication ? { authentication: p.authentication } : {}),
    aml: p.aml ?? [],
    documentimage: (p.documentimage ?? []).map(image),
    faceimage: (p.faceimage ?? []).map(image),
    ...(p.vaultid ? { vaultid: p.vaultid } : {}),
  };
}

export function buildSuccessPayload(p: VerificationParts): SuccessPayload {
  if (!p.decision.passed) throw new Error('buildSuccessPayload needs a passed decision');
  return { success: true, ...envelope(p), ...body(p) };
}

export function buildFailurePayload(p: VerificationParts): FailurePayload {
  const { failcode, failreason } = p.decision;
  if (p.decision.passed || failcode === null) throw new Error('buildFailurePayload needs a failed decision with a failcode');
  return { success: false, ...envelope(p), failreason: failreason ?? 'Verification failed.', failcode, ...body(p) };
}

/** Success or failure from the decision. */
export function buildVerificationPayload(p: VerificationParts): SuccessPayload | FailurePayload {
  return p.decision.passed ? buildSuccessPayload(p) : buildFailurePayload(p);
}

export function buildSignaturePayload(p: EnvelopeParts & { contract: CallbackContract }): SignaturePayload {
  return { success: true, ...envelope(p), contract: { document_url: p.contract.document_url } };
}

export function buildExpiredPayload(p: EnvelopeParts): ExpiredPayload {
  return { success: false, ...envelope(p), failreason: 'Session expired', failcode: 0 };
}
