import { describe, expect, it } from 'vitest';
import { documentNumberMatches } from './document-number-matches.ts';

describe('documentNumberMatches', () => {
  it('ignores spaces, hyphens, fillers and case', () => {
    expect(documentNumberMatches('x12-345 678', { documentNumber: 'X12345678' })).toBe(true);
    expect(documentNumberMatches('L898902C3', { documentNumber: 'L898902C3<' })).toBe(true);
  });
  it('accepts the personal number', () => {
    expect(documentNumberMatches('ZE000509', { documentNumber: 'D23145890', personalNumber: 'ZE000509' })).toBe(true);
  });
  it('is exact otherwise: no O/0 or one-character tolerance', () => {
    expect(documentNumberMatches('X12345679', { documentNumber: 'X12345678' })).toBe(false);
    expect(documentNumberMatches('X1234567', { documentNumber: 'X12345678' })).toBe(false);
    expect(documentNumberMatches('XI2345678', { documentNumber: 'X12345678' })).toBe(false);
    expect(documentNumberMatches('', { documentNumber: 'X12345678' })).toBe(false);
    expect(documentNumberMatches('X12345678', {})).toBe(false);
  });
});
