/** Dates as ISO prefixes: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`. Returns null when unreadable. */
export function normalizeDob(input: string | null | undefined): string | null {
  if (!input) return null;
  const s = input.trim();
  let m = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(s);
  if (m) return [m[1], m[2]?.padStart(2, '0'), m[3]?.padStart(2, '0')].filter(Boolean).join('-');
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  return null;
}

export type DobOutcome = 'match' | 'mismatch' | 'unknown';

/**
 * Compares at the precision both sides have: a listed year 1952 agrees with 1952-10-07.
 * Any listed date agreeing is a match (lists give several possible dates).
 */
export function compareDob(query: string | null, listed: readonly string[]): DobOutcome {
  if (!query || listed.length === 0) return 'unknown';
  for (const d of listed) {
    const n = Math.min(d.length, query.length);
    if (n >= 4 && d.slice(0, n) === query.slice(0, n)) return 'match';
  }
  return 'mismatch';
}
