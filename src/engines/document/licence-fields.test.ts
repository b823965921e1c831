import { describe, expect, it } from 'vitest';
import { cleanName, licenceDate, numberedFields, ukNumberAgrees } from './licence-fields.ts';
import { fitNumberFormat } from './eu-licence-countries.ts';

const now = new Date('2026-01-01T00:00:00Z');
const L = (text: string, confidence = 95) => ({ text, confidence });

describe('EU licence numbered fields', () => {
  it('splits lines into fields, with two fields on one line and the dot run into the value', () => {
    const f = numberedFields([L('1. MUSTERMANN'), L('2. ERIKA ANNA'), L('3.12.08.1964 BERLIN'), L('4a. 19.09.2018     4c. Stadt Köln'), L('4b 18.10.2028'), L('5. B072RRE2I55'), L('l. IGNORED'), L('9. AM/B1/B')]);
    expect(Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v!.value]))).toEqual({
      '1': 'MUSTERMANN', '2': 'ERIKA ANNA', '3': '12.08.1964 BERLIN', '4a': '19.09.2018', '4c': 'Stadt Köln', '4b': '18.10.2028', '5': 'B072RRE2I55', '9': 'AM/B1/B',
    });
  });

  it('reads dates in each country order', () => {
    expect(licenceDate('12.08.1964 BERLIN', 'DMY', now, 'past')).toEqual({ year: 1964, month: 8, day: 12 });
    expect(licenceDate('12/08/1964', 'DMY', now, 'past')).toEqual({ year: 1964, month: 8, day: 12 });
    expect(licenceDate('1964.08.12 PÉCS', 'YMD', now, 'past')).toEqual({ year: 1964, month: 8, day: 12 });
    expect(licenceDate('2031-03-16', 'YMD', now, 'future')).toEqual({ year: 2031, month: 3, day: 16 });
    expect(licenceDate('2031-03-16', 'DMY', now, 'future')).toBeUndefined();
    expect(licenceDate('31.02.2030', 'DMY', now, 'future')).toBeUndefined();
    // A field number read into the line, a place's letter read as a digit.
    expect(licenceDate('43.19.09.2018     4.', 'DMY', now, 'past')).toEqual({ year: 2018, month: 9, day: 19 });
    expect(licenceDate('3.11-12-19780', 'DMY', now, 'past')).toEqual({ year: 1978, month: 12, day: 11 });
  });

  it('keeps name letters and drops OCR specks', () => {
    expect(cleanName('MÜLLER-LÜDENSCHEIDT |')).toBe('MÜLLER-LÜDENSCHEIDT');
    expect(cleanName("O'NEILL , ")).toBe("O'NEILL");
  });

  it('checks the UK number against surname, initials and birth date (women: month + 50)', () => {
    expect(ukNumberAgrees('MORGA753116SM9IJ', 'MORGAN', 'SARAH MEREDITH', { year: 1976, month: 3, day: 11 })).toEqual({ surname: true, dob: true, initials: true });
    expect(ukNumberAgrees('MORGA753116SM9IJ', 'MARGAN', 'SARAH MEREDITH', { year: 1976, month: 3, day: 11 })?.surname).toBe(false);
    expect(ukNumberAgrees('MORGA753116SM9IJ', 'MORGAN', 'SARAH MEREDITH', { year: 1976, month: 3, day: 17 })?.dob).toBe(false);
    expect(ukNumberAgrees('MC999703046J99AB', 'MACKAY', 'JAMES', { year: 1976, month: 3, day: 4 })?.surname).toBe(false);
    expect(ukNumberAgrees('B072RRE2I55', 'MACKAY', 'JAMES', undefined)).toBeUndefined();
    expect(ukNumberAgrees('MCKAY703046J99AB', 'MACKAY', 'JAMES', { year: 1976, month: 3, day: 4 })).toEqual({ surname: true, dob: true, initials: true });
  });
});

describe('licence number formats', () => {
  it('settles look-alikes by the class each position of the format requires', () => {
    expect(fitNumberFormat('13AAOOOO2', ['99AA99999'])).toEqual({ value: '13AA00002', settled: true });
    expect(fitNumberFormat('I3AA0OOO2', ['99AA99999'])).toEqual({ value: '13AA00002', settled: true });
    expect(fitNumberFormat('RM1234S67X', ['AA9999999A'])).toEqual({ value: 'RM1234567X', settled: true });
    // The UK surname part is letters or the padding 9: a 0 there is an O.
    expect(fitNumberFormat('M0RGA753116SM9IJ', ['NNNNN999999NN9XX'])).toEqual({ value: 'MORGA753116SM9IJ', settled: false });
    expect(fitNumberFormat('MC999703046J99AC', ['NNNNN999999NN9XX'])).toEqual({ value: 'MC999703046J99AC', settled: true });
  });

  it('leaves a look-alike where the format allows both doubtful, and refuses numbers of no format', () => {
    expect(fitNumberFormat('B072RRE2I55', ['XXXXXXXXX99'])).toEqual({ value: 'B072RRE2I55', settled: false });
    expect(fitNumberFormat('K7C2RRE2T55', ['XXXXXXXXX99'])).toEqual({ value: 'K7C2RRE2T55', settled: true });
    expect(fitNumberFormat('12345678', ['9999999999'])).toBeUndefined();
    expect(fitNumberFormat('123456789X', ['9999999999'])).toBeUndefined();
    expect(fitNumberFormat('12345678', undefined)).toBeUndefined();
    // German card numbers: digits and consonants without look-alikes, so an O or I is a digit.
    expect(fitNumberFormat('LO1X0OT47', ['CCCCCCCCC'])).toEqual({ value: 'L01X00T47', settled: true });
  });
});
