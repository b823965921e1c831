/**
 * What of a session's create options survives erasure: the settings that say which checks ran
 * (so statistics and the audit trail still work). Options that carry a person's data (the
 * expected name, date of birth, document number, address, phone, prefill, custom id) keep only
 * the fact that they were given (`true`); URLs and free text are dropped.
 */
const KEPT = new Set([
  'type', 'companyname', 'biometric', 'biometric_threshold', 'authenticate_minscore', 'authenticate_module', 'maxattempt',
  'phoneverification', 'documenttype', 'documentcountry', 'documentregion', 'dualsidecheck', 'verify_expiry', 'verify_age',
  'aml_check', 'aml_database', 'aml_strict_match', 'contract_generate', 'contract_sign', 'contract_format', 'template_id',
  'return_documentimage', 'return_faceimage', 'crop_document', 'return_type', 'vault_save', 'reusable', 'nobranding',
  'language', 'expiry', 'qr_color', 'qr_bgcolor', 'qr_size', 'qr_margin', 'verify_then_forget', 'callback_claims_only',
]);

const GIVEN_ONLY = new Set([
  'verify_name', 'verify_dob', 'verify_documentno', 'verify_address', 'verify_postcode', 'verify_phone',
  'sms_verification_link', 'sms_contract_link', 'contract_prefill_data', 'customid', 'callbackurl',
]);

export function scrubOptions(options: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) {
    if (v === undefined || v === null) continue;
    if (KEPT.has(k)) out[k] = v;
    else if (GIVEN_ONLY.has(k)) out[k] = true;
  }
  return out;
}
