const compact = (s: string) => s.toUpperCase().replace(/[\s\-<]/g, '');

/**
 * `verify_documentno`: spaces, hyphens, MRZ `<` fillers and case are ignored; otherwise exact, no
 * OCR tolerance (a number is an identifier). The personal number is also accepted because on many
 * national ID cards that is the number people know as their "ID number".
 */
export function documentNumberMatches(expected: string, data: { documentNumber?: string; personalNumber?: string }): boolean {
  const want = compact(expected);
  if (!want) return false;
  return [data.documentNumber, data.personalNumber].some((n) => n !== undefined && compact(n) === want);
}
