const compact = (s: string) => s.toUpperCase().replace(/[\s\-–.]/g, '');

/**
 * `verify_postcode`: spaces, hyphens, dots and case are ignored; otherwise exact. A 5-digit US ZIP
 * matches a ZIP+4 that starts with it (AAMVA barcodes carry 9 digits, often padded with 0000).
 */
export function postcodesMatch(expected: string, doc: { postcode?: string }): boolean {
  if (!doc.postcode) return false;
  const a = compact(expected);
  const b = compact(doc.postcode);
  if (!a || !b) return false;
  if (a === b) return true;
  const zip5 = /^\d{5}$/, zip9 = /^\d{9}$/;
  return (zip5.test(a) && zip9.test(b) && b.startsWith(a)) || (zip9.test(a) && zip5.test(b) && a.startsWith(b));
}
