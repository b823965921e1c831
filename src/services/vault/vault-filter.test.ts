import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compareValues, matchesFilter, parseFilter, parseVaultTime, readFilterParam } from './vault-filter.ts';
import { newVaultId, normaliseValue } from './vault-record.ts';

describe('vault filters', () => {
  it('parses statements with every operator, longest operator first', () => {
    expect(parseFilter('createtime>=2021/02/25')).toEqual({ field: 'createtime', op: '>=', value: '2021/02/25' });
    expect(parseFilter(' firstName = JOHN ')).toEqual({ field: 'firstName', op: '=', value: 'JOHN' });
    expect(parseFilter('dob_year!=1989')).toMatchObject({ op: '!=' });
    expect(parseFilter('age<=30')).toMatchObject({ op: '<=' });
    expect(parseFilter('age<30')).toMatchObject({ op: '<' });
    expect(parseFilter('address1="1 MAIN ST"')).toMatchObject({ value: '1 MAIN ST' });
    expect(parseFilter('note=a=b')).toMatchObject({ field: 'note', op: '=', value: 'a=b' });
    expect(() => parseFilter('firstName~JOHN')).toThrow(/filter/);
    expect(() => parseFilter('1abc=2')).toThrow(/filter/);
  });

  it('reads the filter parameter as array, JSON string or single statement, at most 5', () => {
    expect(readFilterParam({ filter: ['a=1', 'b=2'] })).toEqual(['a=1', 'b=2']);
    expect(readFilterParam({ filter: '["a=1"]' })).toEqual(['a=1']);
    expect(readFilterParam({ filter: 'a=1' })).toEqual(['a=1']);
    expect(readFilterParam({ 'filter[]': ['a=1'] })).toEqual(['a=1']);
    expect(readFilterParam({ filter: '' })).toEqual([]);
    expect(() => readFilterParam({ filter: ['a=1', 'a=1', 'a=1', 'a=1', 'a=1', 'a=1'] })).toThrow(/at most 5/);
    expect(() => readFilterParam({ filter: [3] })).toThrow();
  });

  it('reads UTC dates, datetimes and Unix seconds, and refuses impossible dates', () => {
    expect(parseVaultTime('2021/02/25')).toBe(Date.UTC(2021, 1, 25));
    expect(parseVaultTime('2021-2-5 13:04')).toBe(Date.UTC(2021, 1, 5, 13, 4));
    expect(parseVaultTime('2021-02-25T13:04:05')).toBe(Date.UTC(2021, 1, 25, 13, 4, 5));
    expect(parseVaultTime('1614211200')).toBe(1614211200_000);
    expect(parseVaultTime('2021/02/30')).toBeNull();
    expect(parseVaultTime('yesterday')).toBeNull();
  });

  it('normalises values for equality: case, spaces, Unicode composition, numbers, booleans', () => {
    expect(normaliseValue('  john   smith ')).toBe('JOHN SMITH');
    expect(normaliseValue('Jose\u0301')).toBe(normaliseValue('José'));
    expect(normaliseValue('José')).not.toBe(normaliseValue('Jose'));
    expect(normaliseValue('03')).toBe(normaliseValue(3));
    expect(normaliseValue('58.0')).toBe('58');
    expect(normaliseValue(true)).toBe('1');
  });

  it('compares numbers, dates and text in memory as people expect', () => {
    expect(compareValues('9', '10')).toBeLessThan(0);
    expect(compareValues('1989/8/3', '1989/08/10')).toBeLessThan(0);
    expect(compareValues('2001-01-01', '1999/12/31')).toBeGreaterThan(0);
    expect(compareValues('adams', 'SMITH')).toBeLessThan(0);
    expect(matchesFilter(1989, parseFilter('dob_year>1980'))).toBe(true);
    expect(matchesFilter('1975', parseFilter('dob_year>1980'))).toBe(false);
    expect(matchesFilter(undefined, parseFilter('x!=1'))).toBe(true);
    expect(matchesFilter(undefined, parseFilter('x>1'))).toBe(false);
    expect(matchesFilter(true, parseFilter('docupass_success=TRUE'))).toBe(true);
    expect(matchesFilter(false, parseFilter('docupass_success=true'))).toBe(false);
  });

  it('makes 32-character ids over [A-Za-z0-9]', () => {
    const ids = Array.from({ length: 200 }, () => newVaultId(randomBytes));
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(new Set(ids).size).toBe(200);
  });
});
