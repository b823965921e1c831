/**
 * Placeholder names a template may use without prefill data. ID fields are the keys of the
 * callback's `data` object (the DocuPass reference's callback examples and the Core API result);
 * system fields are supplied by idgate itself when a contract is produced.
 */
export const ID_DATA_FIELDS: readonly string[] = [
  'documentNumber', 'personalNumber', 'firstName', 'middleName', 'lastName', 'fullName',
  'firstName_local', 'middleName_local', 'lastName_local', 'fullName_local',
  'sex', 'height', 'weight', 'hairColor', 'eyeColor',
  'dob', 'dob_day', 'dob_month', 'dob_year', 'age', 'placeOfBirth',
  'expiry', 'expiry_day', 'expiry_month', 'expiry_year', 'daysToExpiry',
  'issued', 'issued_day', 'issued_month', 'issued_year', 'daysFromIssue', 'issueAuthority',
  'address1', 'address2', 'postcode',
  'documentType', 'documentName', 'documentSide', 'internalId',
  'vehicleClass', 'restrictions', 'endorsement', 'optionalData', 'optionalData2', 'email', 'mobile',
  'issuerOrg_full', 'issuerOrg_iso2', 'issuerOrg_iso3', 'issuerOrg_region_full', 'issuerOrg_region_abbr',
  'nationality_full', 'nationality_iso2', 'nationality_iso3',
];

/** Filled by idgate; they win over ID data and prefill so a caller cannot forge the signer's IP or the date. */
export const SYSTEM_FIELDS: readonly string[] = [
  'date', 'time', 'datetime', 'timestamp', 'reference', 'customid', 'companyname', 'company_name',
  'ip', 'signer_ip', 'signer_name', 'user_agent', 'signature_date', 'template_id', 'template_version',
];

const KNOWN = new Set([...ID_DATA_FIELDS, ...SYSTEM_FIELDS]);
export const isKnownField = (name: string): boolean => KNOWN.has(name);
