import { describe, expect, it } from 'vitest';
import { addressesMatch } from './addresses-match.ts';

const bc = { address1: '910 GOVERNMENT STREET', address2: 'VICTORIA BC', postcode: 'V8W 3Y8', regionNames: ['British Columbia', 'BC'] };
const us = { address1: '2570 24TH STREET APT 5B', address2: 'ANYTOWN CA', postcode: '958201234', regionNames: ['California', 'CA'] };
const de = { address1: 'HAUPTSTRASSE 12', address2: '10115 BERLIN', postcode: '10115' };

describe('addressesMatch: must match', () => {
  const cases: Array<[string, string, typeof bc | typeof us | typeof de]> = [
    ['same text, other case', '910 government street, victoria bc', bc],
    ['street abbreviation and postcode included', '910 Government St., Victoria, BC V8W3Y8', bc],
    ['street line only', '910 Government St', bc],
    ['region written in full and a trailing country', '910 Government Street, Victoria, British Columbia, Canada', bc],
    ['unit written as #', '2570 24th St #5B, Anytown, CA 95820', us],
    ['unit written as Apartment with hyphen', '2570 24th Street, Apartment 5-B, Anytown, California 95820-1234', us],
    ['line break between street and unit', '2570 24TH ST\nAPT 5B\nANYTOWN', us],
    ['German Straße vs Str.', 'Hauptstr. 12, 10115 Berlin, Deutschland', de],
    ['German ß folded', 'Hauptstraße 12 Berlin', de],
    ['one OCR slip in a long street word', '910 Governnent Street', bc],
  ];
  for (const [label, expected, d] of cases) {
    it(label, () => expect(addressesMatch(expected, d)).toEqual({ match: true }));
  }

  it('ordinals written out', () => {
    expect(addressesMatch('10 First Avenue', { address1: '10 1ST AVE' }).match).toBe(true);
  });

  it('directions and French street words', () => {
    expect(addressesMatch('100 North Main Boulevard', { address1: '100 N MAIN BLVD' }).match).toBe(true);
    expect(addressesMatch('12 Avenue des Champs-Élysées', { address1: '12 AV DES CHAMPS ELYSEES' }).match).toBe(true);
  });
});

describe('addressesMatch: must not match', () => {
  const cases: Array<[string, string, typeof bc | typeof us | typeof de, string]> = [
    ['other house number', '912 Government Street, Victoria BC', bc, 'a number differs'],
    ['other unit', '2570 24th Street Apt 6B, Anytown CA', us, 'a number differs'],
    ['unit missing from expected', '2570 24th Street, Anytown CA', us, 'a number differs'],
    ['other street name', '910 Douglas Street, Victoria BC', bc, 'a street word differs'],
    ['other street type', '910 Government Road, Victoria BC', bc, 'a street word differs'],
    ['other city', '910 Government Street, Vancouver BC', bc, 'the expected address has words the document does not show'],
    ['other postcode', '910 Government Street, Victoria BC V8W 3Y9', bc, 'a number differs'],
  ];
  for (const [label, expected, d, reason] of cases) {
    it(label, () => expect(addressesMatch(expected, d)).toEqual({ match: false, reason }));
  }

  it('two OCR slips are too many', () => {
    expect(addressesMatch('910 Governnent Streat Victoria', { address1: '910 GOVERNMENT STREAM' }).match).toBe(false);
  });

  it('nothing to compare', () => {
    expect(addressesMatch('1 Main St', {})).toEqual({ match: false, reason: 'no address read from the document' });
    expect(addressesMatch(' , ', bc)).toEqual({ match: false, reason: 'no expected address given' });
  });
});
