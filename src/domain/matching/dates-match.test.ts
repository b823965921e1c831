import { describe, expect, it } from 'vitest';
import { ageInRange, dobMatches, documentAge, isExpired } from './dates-match.ts';

const now = new Date(Date.UTC(2024, 5, 15, 12));

describe('dobMatches', () => {
  it('compares the calendar date from the split fields or the dob string', () => {
    expect(dobMatches('1998/08/12', { dob_year: 1998, dob_month: 8, dob_day: 12 })).toBe(true);
    expect(dobMatches('1998/08/12', { dob: '1998/08/12' })).toBe(true);
    expect(dobMatches('1998/8/12', { dob: '1998/08/12' })).toBe(true);
  });
  it('fails on any other day, month or year, or without a date', () => {
    expect(dobMatches('1998/08/13', { dob: '1998/08/12' })).toBe(false);
    expect(dobMatches('1998/09/12', { dob: '1998/08/12' })).toBe(false);
    expect(dobMatches('1999/08/12', { dob: '1998/08/12' })).toBe(false);
    expect(dobMatches('1998/08/12', {})).toBe(false);
    expect(dobMatches('1998/02/30', { dob: '1998/02/30' })).toBe(false);
  });
});

describe('ageInRange', () => {
  it('is inclusive at both ends and counts birthdays by UTC date', () => {
    expect(ageInRange({ min: 18, max: 40 }, { dob: '2006/06/15' }, now)).toBe(true); // 18 today
    expect(ageInRange({ min: 18, max: 40 }, { dob: '2006/06/16' }, now)).toBe(false); // 17 until tomorrow
    expect(ageInRange({ min: 18, max: 40 }, { dob: '1983/06/16' }, now)).toBe(true); // still 40
    expect(ageInRange({ min: 18, max: 40 }, { dob: '1983/06/15' }, now)).toBe(false); // 41 today
  });
  it('handles 29 February birthdays', () => {
    expect(documentAge({ dob: '2004/02/29' }, new Date(Date.UTC(2022, 1, 28)))).toBe(17);
    expect(documentAge({ dob: '2004/02/29' }, new Date(Date.UTC(2022, 2, 1)))).toBe(18);
  });
  it('falls back to the age field and fails without either', () => {
    expect(ageInRange({ min: 18, max: 99 }, { age: 30 }, now)).toBe(true);
    expect(ageInRange({ min: 18, max: 99 }, {}, now)).toBe(false);
  });
});

describe('isExpired', () => {
  it('is valid through the expiry day', () => {
    expect(isExpired({ expiry: '2024/06/15' }, now)).toBe(false);
    expect(isExpired({ expiry_year: 2024, expiry_month: 6, expiry_day: 14 }, now)).toBe(true);
    expect(isExpired({ expiry: '2030/01/01' }, now)).toBe(false);
  });
  it('is unknown without an expiry date', () => {
    expect(isExpired({}, now)).toBeNull();
  });
});
