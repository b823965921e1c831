/**
 * Viewer masking, done on the server: a masked value is replaced before the response is built,
 * so the real value never reaches a viewer's browser. Only the document's kind and issuing
 * country stay readable (they name no person).
 */
export const MASK = '•••';

const OPEN_FIELDS = new Set(['documentType', 'documentSide', 'issuerOrg_full', 'issuerOrg_iso2', 'issuerOrg_iso3', 'issuerOrg_region_full', 'issuerOrg_region_abbr']);

export const maskField = (name: string, value: string, masked: boolean): string => (masked && !OPEN_FIELDS.has(name) ? MASK : value);
