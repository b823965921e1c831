import { describe, expect, it } from 'vitest';
import { namesMatch } from './names-match.ts';
import { normalizeName } from './normalize-name.ts';

const doc = (firstName: string | undefined, lastName: string | undefined, middleName?: string) => ({
  firstName, lastName, middleName,
  fullName: [firstName, middleName, lastName].filter(Boolean).join(' '),
});

describe('normalizeName', () => {
  it('folds case, accents, hyphens, apostrophes and MRZ fillers', () => {
    expect(normalizeName("José-María O'Neil")).toBe('JOSE MARIA ONEIL');
    expect(normalizeName('SMITH<<JOHN<PAUL<<<<')).toBe('SMITH JOHN PAUL');
    expect(normalizeName('  Łukasz   Żółć ')).toBe('LUKASZ ZOLC');
    expect(normalizeName('Strauß')).toBe('STRAUSS');
  });
});

describe('namesMatch: must match', () => {
  const cases: Array<[string, string, ReturnType<typeof doc>]> = [
    ['case', 'john smith', doc('JOHN', 'SMITH')],
    ['surname first', 'SMITH JOHN', doc('JOHN', 'SMITH')],
    ['surname first with comma', 'Smith, John', doc('JOHN', 'SMITH')],
    ['accents dropped on the document', 'José Muñoz', doc('JOSE', 'MUNOZ')],
    ['accents on the document only', 'Jose Munoz', doc('JOSÉ', 'MUÑOZ')],
    ['ICAO umlaut transliteration', 'Jürgen Müller', doc('JUERGEN', 'MUELLER')],
    ['typed without umlaut vs ICAO', 'Juergen Mueller', doc('JÜRGEN', 'MÜLLER')],
    ['ß as SS', 'Hans Strauß', doc('HANS', 'STRAUSS')],
    ['Å as AA (ICAO)', 'Åsa Ødegård', doc('AASA', 'OEDEGAARD')],
    ['Ø without transliteration', 'Åsa Ødegård', doc('ASA', 'ODEGARD')],
    ['apostrophe', "Sean O'Brien", doc('SEAN', 'OBRIEN')],
    ['hyphenated surname vs MRZ filler', 'Anna Smith-Jones', doc('ANNA', 'SMITH<JONES')],
    ['hyphenated surname vs joined', 'Anna Smith-Jones', doc('ANNA', 'SMITHJONES')],
    ['joined given names', 'Maryann Smith', doc('MARY', 'SMITH', 'ANN')],
    ['split given names', 'Mary Ann Smith', doc('MARYANN', 'SMITH')],
    ['middle name missing from expected', 'John Smith', doc('JOHN', 'SMITH', 'PAUL')],
    ['middle name missing from document', 'John Paul Smith', doc('JOHN', 'SMITH')],
    ['middle initial in expected', 'John P. Smith', doc('JOHN', 'SMITH', 'PAUL')],
    ['middle initial on document', 'John Paul Smith', doc('JOHN', 'SMITH', 'P')],
    ['middle name order', 'Smith John Paul', doc('JOHN', 'SMITH', 'PAUL')],
    ['one OCR slip in a long surname', 'Alexander Johnston', doc('ALEXANDER', 'JOHNSTQN')],
    ['MRZ fillers in fields', 'John Smith', doc('JOHN<<', '<SMITH')],
  ];
  for (const [label, expected, d] of cases) {
    it(label, () => expect(namesMatch(expected, d)).toEqual({ match: true }));
  }

  it('only a full name on the document', () => {
    expect(namesMatch('Jane Doe', { fullName: 'JANE Q DOE' }).match).toBe(true);
    expect(namesMatch('Doe Jane', { fullName: 'JANE DOE' }).match).toBe(true);
  });

  it('a mononym (surname only)', () => {
    expect(namesMatch('Suharto', { lastName: 'SUHARTO' }).match).toBe(true);
  });

  it('MRZ-truncated given names (TD1, 30 characters)', () => {
    // SCHWARZENEGGER-WOLFENSTEIN<<MAXIMILIAN<ALEXANDER would not fit; the issuer cut it.
    const d = { lastName: 'SCHWARZENEGGER WOLFENSTEIN', firstName: 'MA' };
    expect(namesMatch('Maximilian Alexander Schwarzenegger-Wolfenstein', d).match).toBe(true);
  });
});

describe('namesMatch: must not match', () => {
  const cases: Array<[string, string, ReturnType<typeof doc>, string]> = [
    ['different surname', 'John Smyth-Baker', doc('JOHN', 'SMITH'), 'last name differs'],
    ['different first name', 'James Smith', doc('JOHN', 'SMITH'), 'first name differs'],
    ['one slip in a short name is not tolerated', 'Jon Smith', doc('JOHN', 'SMITH'), 'first name differs'],
    ['short surname slip', 'John Smyth', doc('JOHN', 'SMITH'), 'last name differs'],
    ['two slips', 'Alexandre Johnston', doc('ALEXANDER', 'JOHNSTQN'), 'first name differs'],
    ['conflicting middle names', 'John Robert Smith', doc('JOHN', 'SMITH', 'PAUL'), 'middle names differ'],
    ['surname only given', 'Smith', doc('JOHN', 'SMITH'), 'first name differs'],
    ['first name only given', 'John', doc('JOHN', 'SMITH'), 'last name differs'],
    ['a part of a compound surname missing', 'Anna Smith', doc('ANNA', 'SMITH JONES'), 'last name differs'],
    ['names swapped into other people', 'Smith Johnson', doc('JOHN', 'SMITH'), 'first name differs'],
    ['too many unknown names', 'John Albert Bob Carl Smith', doc('JOHN', 'SMITH'), 'middle names differ'],
  ];
  for (const [label, expected, d, reason] of cases) {
    it(label, () => expect(namesMatch(expected, d)).toEqual({ match: false, reason }));
  }

  it('a prefix is not accepted when the name is short enough not to be cut', () => {
    expect(namesMatch('Maximilian Smith', doc('MAX', 'SMITH')).match).toBe(false);
  });

  it('nothing to compare', () => {
    expect(namesMatch('John Smith', {})).toEqual({ match: false, reason: 'no name read from the document' });
    expect(namesMatch(' - ', doc('JOHN', 'SMITH'))).toEqual({ match: false, reason: 'no expected name given' });
  });
});
