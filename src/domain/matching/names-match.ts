import { isOcrSlip } from './edit-distance.ts';
import { nameTokenVariants } from './normalize-name.ts';

export type DocumentName = { firstName?: string; middleName?: string; lastName?: string; fullName?: string };
export type MatchResult = { match: boolean; reason?: string };

type Role = 'surname' | 'first' | 'middle';
type DocToken = { text: string; role: Role; lastInMrzOrder: boolean };

/**
 * The smallest MRZ name field (TD1 line 3) holds 30 characters; a name written
 * SURNAME<<GIVEN<NAMES that reaches it may have been cut by the issuer.
 */
const MRZ_NAME_FIELD_MIN = 30;
/** Expected names may carry up to this many names the document does not show (middle names). */
const MAX_EXTRA_EXPECTED = 2;

/**
 * `verify_name`: the expected full name against the name read from the document. Rules (see
 * docs/matching-rules.md): every surname token and the first given name must be found, in any
 * order; middle names may be missing on either side or given as initials, but two different
 * middle names fail; at most one one-letter OCR slip in words of 6+ letters; a name the MRZ cut
 * may end in a prefix of the expected word.
 */
export function namesMatch(expected: string, doc: DocumentName): MatchResult {
  const expectedVariants = nameTokenVariants(expected);
  if (expectedVariants[0].length === 0) return { match: false, reason: 'no expected name given' };
  const docVariants = documentNameVariants(doc);
  if (docVariants.length === 0) return { match: false, reason: 'no name read from the document' };
  for (const e of expectedVariants) {
    for (const joinedE of adjacentJoinings(e)) {
      for (const d of docVariants) {
        if (assign(joinedE, d.tokens, d.truncated)) return { match: true };
      }
    }
  }
  return { match: false, reason: diagnose(expectedVariants[0], docVariants[0].tokens) };
}

type DocVariant = { tokens: DocToken[]; truncated: boolean };

function documentNameVariants(doc: DocumentName): DocVariant[] {
  const out: DocVariant[] = [];
  const foldings = Math.max(
    ...[doc.firstName, doc.middleName, doc.lastName, doc.fullName].map((s) => (s ? nameTokenVariants(s).length : 1)),
  );
  for (let v = 0; v < foldings; v++) {
    const pick = (s: string | undefined) => (s ? (nameTokenVariants(s)[v] ?? nameTokenVariants(s)[0]) : []);
    let surname = pick(doc.lastName);
    let given = [...pick(doc.firstName), ...pick(doc.middleName)];
    if (surname.length === 0 && given.length === 0) {
      // Only an unstructured full name: assume "GIVEN … SURNAME"; any order is accepted anyway.
      const full = pick(doc.fullName);
      if (full.length === 0) continue;
      surname = full.length > 1 ? full.slice(-1) : full;
      given = full.length > 1 ? full.slice(0, -1) : [];
    }
    const mrzLength = surname.join('<').length + 2 + given.join('<').length;
    const truncated = mrzLength >= MRZ_NAME_FIELD_MIN;
    const shapes: Array<[string[], string[]]> = [[surname, given]];
    if (surname.length > 1) shapes.push([[surname.join('')], given]);
    if (given.length > 1) shapes.push([surname, [given.join('')]]);
    if (surname.length > 1 && given.length > 1) shapes.push([[surname.join('')], [given.join('')]]);
    for (const [s, g] of shapes) out.push({ tokens: withRoles(s, g), truncated });
  }
  return out;
}

function withRoles(surname: string[], given: string[]): DocToken[] {
  const tokens: DocToken[] = [
    ...surname.map((text) => ({ text, role: 'surname' as Role, lastInMrzOrder: false })),
    ...given.map((text, i) => ({ text, role: (i === 0 ? 'first' : 'middle') as Role, lastInMrzOrder: false })),
  ];
  tokens[tokens.length - 1].lastInMrzOrder = true;
  return tokens;
}

/** Every way of joining adjacent expected words ("MARY ANN" ~ "MARYANN", "SMITH JONES" ~ "SMITHJONES"). */
type ExpectedToken = { text: string; parts: number };

function adjacentJoinings(tokens: string[]): ExpectedToken[][] {
  const single = tokens.map((text) => ({ text, parts: 1 }));
  if (tokens.length <= 1 || tokens.length > 6) return [single];
  const out: ExpectedToken[][] = [];
  for (let mask = 0; mask < 1 << (tokens.length - 1); mask++) {
    const joined = [{ ...single[0] }];
    for (let i = 1; i < tokens.length; i++) {
      const last = joined[joined.length - 1];
      if (mask & (1 << (i - 1))) joined[joined.length - 1] = { text: last.text + tokens[i], parts: last.parts + 1 };
      else joined.push({ ...single[i] });
    }
    out.push(joined);
  }
  return out;
}

type Kind = 'exact' | 'slip' | 'initial' | 'prefix';

function tokenMatch(e: string, d: DocToken, truncated: boolean): Kind | null {
  if (e === d.text) return 'exact';
  if (d.role === 'middle' && (e.length === 1 || d.text.length === 1) && e[0] === d.text[0]) return 'initial';
  if (truncated && d.lastInMrzOrder && e.length > d.text.length && e.startsWith(d.text)) return 'prefix';
  if (isOcrSlip(e, d.text)) return 'slip';
  return null;
}

/** Backtracking assignment of document tokens to distinct expected tokens; at most one slip. */
function assign(expected: ExpectedToken[], doc: DocToken[], truncated: boolean): boolean {
  const used = new Array<boolean>(expected.length).fill(false);
  const search = (i: number, slips: number, unmatchedMiddles: number): boolean => {
    if (i === doc.length) {
      // Counted in the words the user typed, so joining words cannot hide extra names.
      const extra = expected.reduce((n, e, k) => n + (used[k] ? 0 : e.parts), 0);
      if (extra === 0) return true;
      // Names the document does not show are accepted only where it shows no conflicting middle name.
      return unmatchedMiddles === 0 && (extra <= MAX_EXTRA_EXPECTED || truncated);
    }
    const d = doc[i];
    for (let k = 0; k < expected.length; k++) {
      if (used[k]) continue;
      const kind = tokenMatch(expected[k].text, d, truncated);
      if (!kind || (kind === 'slip' && slips >= 1)) continue;
      used[k] = true;
      if (search(i + 1, slips + (kind === 'slip' ? 1 : 0), unmatchedMiddles)) return true;
      used[k] = false;
    }
    return d.role === 'middle' && search(i + 1, slips, unmatchedMiddles + 1);
  };
  return search(0, 0, 0);
}

function diagnose(expected: string[], doc: DocToken[]): string {
  const found = (role: Role) =>
    doc.filter((d) => d.role === role).every((d) => expected.some((e) => tokenMatch(e, d, false) !== null));
  if (!found('surname')) return 'last name differs';
  if (!found('first')) return 'first name differs';
  return 'middle names differ';
}
