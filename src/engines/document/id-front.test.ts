import { describe, expect, it } from 'vitest';
import { ID_CARD_COUNTRIES } from './id-card-countries.ts';
import { idDate, idNationality, idNumber, labelCoverage, locateFields, type OcrWord } from './id-front-fields.ts';
import { mergeIdFront, sameName } from './merge-id-front.ts';
import { idCountriesByTitle, type IdFrontRead } from './read-id-front.ts';
import { entry } from './field-confidence.ts';
import type { DocumentReading } from './document-reading.ts';

const now = new Date('2026-01-01T00:00:00Z');
const country = (iso2: string) => ID_CARD_COUNTRIES.find((c) => c.iso2 === iso2)!;
/** Words laid out as on a card: x from the given start, 11 px per letter, one line at y. */
function line(y: number, ...runs: Array<[x: number, text: string, h?: number]>): { words: OcrWord[] } {
  const words: OcrWord[] = [];
  for (const [x0, text, h = 20] of runs) {
    let x = x0;
    for (const t of text.split(' ')) {
      words.push({ text: t, confidence: 92, bbox: { x0: x, y0: y, x1: x + t.length * 11, y1: y + h } });
      x += t.length * 11 + 8;
    }
  }
  return { words };
}

describe('ID card front labels', () => {
  it('tells labels by the card languages, bilingual and with one slip', () => {
    expect(labelCoverage('Name / Surname / Nom', ['de', 'en', 'fr'])).toEqual({ kind: 'surname', share: 1 });
    expect(labelCoverage('NOME / NAME', ['it', 'en']).kind).toBe('given');
    expect(labelCoverage('Geburtsdatvm / Date of birth', ['de', 'en'])).toMatchObject({ kind: 'dob', share: 1 });
    expect(labelCoverage('HOUL', ['de', 'en']).share).toBe(0);
  });

  it('names the country from the title; a title two countries print stays open', () => {
    expect(idCountriesByTitle('BUNDESREPUBLIK DEUTSCHLAND PERSONALAUSWEIS').map((c) => c.iso2)).toEqual(['DE']);
    expect(idCountriesByTitle('KONINKRIJK DER NEDERLANDEN IDENTITEITSKAART / IDENTITY CARD').map((c) => c.iso2)).toEqual(['NL']);
    expect(idCountriesByTitle("BELGIE BELGIQUE BELGIEN IDENTITEITSKAART CARTE D'IDENTITE").map((c) => c.iso2)).toEqual(['BE']);
    expect(idCountriesByTitle('PERSONALAUSWEIS').map((c) => c.iso2).sort()).toEqual(['AT', 'DE']);
    expect(idCountriesByTitle('PASSPORT PASSEPORT')).toEqual([]);
  });

  it('finds each value below its label in its own column, labels run together split, the unlabelled number', () => {
    const lines = [
      line(10, [600, 'WQI4Y8DP6', 26]),
      line(60, [300, 'Name / Surname / Nom', 15]),
      line(82, [300, 'MUSTERMANN', 24]),
      line(120, [300, 'Vornamen / Given names', 15]),
      line(142, [300, 'ERIKA ANNA', 24]),
      // Two columns whose labels the OCR joined into one segment.
      line(180, [300, 'Geburtsdatum / Date of birth Staatsangehörigkeit / Nationality', 15]),
      line(202, [300, '12.08.1964', 24], [640, 'DEUTSCH', 24]),
      line(240, [300, 'Gültig bis / Date of expiry', 15]),
      line(262, [300, '01.02.2031', 24]),
    ];
    const f = locateFields(lines, country('DE'));
    expect(Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v!.value]))).toEqual({
      surname: 'MUSTERMANN', given: 'ERIKA ANNA', dob: '12.08.1964', nationality: 'DEUTSCH', expiry: '01.02.2031', number: 'WQI4Y8DP6',
    });
    expect(f.number!.labelled).toBe(false);
    // One language of a bilingual label garbled: the other part still names it.
    const g = locateFields([line(60, [300, 'NOM / Sutfname', 15]), line(82, [300, 'SAHO', 24]), line(120, [300, 'Prénoms / Given names', 15]), line(142, [300, 'RIAN', 24])], country('FR'));
    expect(g.surname?.value).toBe('SAHO');
  });

  it('reads dates, numbers and nationality in the country manner', () => {
    expect(idDate('12 08 1964', country('FR'), now, 'past')).toEqual({ year: 1964, month: 8, day: 12 });
    expect(idDate('05 MAR 2031', country('NL'), now, 'future')).toEqual({ year: 2031, month: 3, day: 5 });
    expect(idNumber('4IZG989IO', country('FR'))).toEqual({ value: '41ZG98910', settled: true, fitsFormat: true });
    expect(idNumber('RB822IRC1', country('NL'))).toEqual({ value: 'RB822IRC1', settled: false, fitsFormat: true });
    expect(idNumber('12345', country('PT'))).toEqual({ value: '12345', settled: false, fitsFormat: false });
    expect(idNationality('DEUTSCH', country('DE'), () => true)).toBe('DEU');
    expect(idNationality('ÖSTERREICH', country('AT'), () => true)).toBe('AUT');
    expect(idNationality('FRA', country('FR'), (c) => c === 'FRA')).toBe('FRA');
  });
});

describe('ID card front merged with its MRZ back', () => {
  const mrzReading = (): DocumentReading => ({
    data: { lastName: 'MUELLER', firstName: 'ERIKA', fullName: 'ERIKA MUELLER', dob: '1964/08/12', documentNumber: 'L01X00T47', expiry: '2031/02/01' },
    fieldSources: { lastName: 'mrz', firstName: 'mrz', fullName: 'mrz', dob: 'mrz', documentNumber: 'mrz', expiry: 'mrz' },
    fieldConfidence: { lastName: entry('mrz', 0.7), firstName: entry('mrz', 0.99), fullName: entry('mrz', 0.7), dob: entry('mrz', 0.99), documentNumber: entry('mrz', 0.99), expiry: entry('mrz', 0.99) },
    sides: [],
  });
  const print = (data: IdFrontRead['data'], c = 0.95): IdFrontRead => ({
    data, confidence: Object.fromEntries(Object.keys(data).map((k) => [k, entry('visual', c)])), fields: {}, evidence: ['title'], text: '',
  });

  it('settles a doubtful MRZ name the sure print shows (accents spelt out as the MRZ does)', () => {
    expect(sameName('MUELLER', 'MÜLLER')).toBe(true);
    expect(sameName('MULLER', 'MÜLLER')).toBe(true);
    expect(sameName('MUELLER', 'MÖLLER')).toBe(false);
    const r = mrzReading();
    const agreement = mergeIdFront(r, print({ lastName: 'MÜLLER', firstName: 'ERIKA', dob: '1964/08/12', documentNumber: 'L01X00T47', expiry: '2031/02/01', nationality_iso3: 'DEU' }));
    expect(agreement).toEqual({ lastName: true, firstName: true, dob: true, expiry: true, documentNumber: true });
    expect(r.fieldConfidence!.lastName).toMatchObject({ doubtful: false, confirmedBy: 'visual' });
    expect(r.fieldConfidence!.fullName!.doubtful).toBe(false);
    // What only the print has joins from it.
    expect(r.data.nationality_iso3).toBe('DEU');
    expect(r.fieldSources.nationality_iso3).toBe('visual');
  });

  it('marks what the sure print contradicts doubtful, keeps the MRZ value, and ignores an unsure print', () => {
    const r = mrzReading();
    mergeIdFront(r, print({ lastName: 'MUELLER', firstName: 'ERIKA', dob: '1964/08/13', documentNumber: 'L01X00T47' }));
    expect(r.data.dob).toBe('1964/08/12');
    expect(r.fieldConfidence!.dob!.doubtful).toBe(true);
    expect(r.fieldConfidence!.documentNumber!.doubtful).toBe(false);
    const u = mrzReading();
    mergeIdFront(u, print({ lastName: 'MUELLER', dob: '1964/08/13' }, 0.6));
    expect(u.fieldConfidence!.dob!.doubtful).toBe(false);
    expect(u.fieldConfidence!.lastName!.doubtful).toBe(true);
  });
});
