import { describe, expect, it } from 'vitest';
import { postcodesMatch } from './postcodes-match.ts';

describe('postcodesMatch', () => {
  it('ignores spaces, hyphens and case', () => {
    expect(postcodesMatch('v8w3y8', { postcode: 'V8W 3Y8' })).toBe(true);
    expect(postcodesMatch('SW1A 1AA', { postcode: 'sw1a1aa' })).toBe(true);
    expect(postcodesMatch('1234-567', { postcode: '1234567' })).toBe(true);
  });
  it('accepts a 5-digit ZIP against ZIP+4 both ways', () => {
    expect(postcodesMatch('95820', { postcode: '958201234' })).toBe(true);
    expect(postcodesMatch('95820-1234', { postcode: '95820' })).toBe(true);
    expect(postcodesMatch('95820', { postcode: '95820-0000' })).toBe(true);
  });
  it('is exact otherwise', () => {
    expect(postcodesMatch('95821', { postcode: '958201234' })).toBe(false);
    expect(postcodesMatch('95820-1235', { postcode: '958201234' })).toBe(false);
    expect(postcodesMatch('V8W 3Y9', { postcode: 'V8W 3Y8' })).toBe(false);
    expect(postcodesMatch('9582', { postcode: '95820' })).toBe(false);
  });
  it('fails when the document shows no postcode', () => {
    expect(postcodesMatch('95820', {})).toBe(false);
    expect(postcodesMatch(' ', { postcode: '95820' })).toBe(false);
  });
});
