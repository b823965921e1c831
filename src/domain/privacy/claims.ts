/**
 * Claims-only callbacks (`callback_claims_only`): the business learns what it asked to know —
 * adult, name matched, document valid, face matched, the outcome — and receives no name, number,
 * date of birth, address or image. A claim the session could not establish is null.
 */
export type Claims = {
  over_18: boolean | null;
  over_21: boolean | null;
  name_matched: boolean | null;
  document_valid: boolean | null;
  face_matched: boolean | null;
  phone_verified: boolean | null;
  aml_clear: boolean | null;
};

export type ClaimsParts = {
  reference: string;
  hash: string;
  customid: string | null;
  decision: { passed: boolean; failcode: number | null; failreason: string | null; result: Record<string, boolean> };
  data: Record<string, unknown> | null | undefined;
  face: { isIdentical: boolean } | null;
  phoneVerified: boolean | null;
  aml: unknown[] | null;
};

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);

export function deriveClaims(p: ClaimsParts): Claims {
  const age = num(p.data?.age);
  const daysToExpiry = num(p.data?.daysToExpiry);
  const read = !!p.data && Object.keys(p.data).length > 0 && p.decision.failcode !== 1;
  return {
    over_18: age === undefined ? null : age >= 18,
    over_21: age === undefined ? null : age >= 21,
    name_matched: p.decision.result.name ?? null,
    document_valid: !read ? false : daysToExpiry === undefined ? (p.decision.result.notexpired ?? null) : daysToExpiry >= 0,
    face_matched: p.face ? p.face.isIdentical : null,
    phone_verified: p.phoneVerified,
    aml_clear: p.aml === null ? null : p.aml.length === 0,
  };
}

/** The callback body: the DocuPass envelope, the outcome, the check results (booleans) and the claims. */
export function buildClaimsPayload(p: ClaimsParts): Record<string, unknown> {
  const failed = !p.decision.passed;
  return {
    success: p.decision.passed,
    reference: p.reference,
    hash: p.hash,
    customid: p.customid,
    ...(failed ? { failreason: p.decision.failreason ?? 'Verification failed.', failcode: p.decision.failcode } : {}),
    claims: deriveClaims(p),
    verification: { passed: p.decision.passed, result: { ...p.decision.result } },
  };
}
