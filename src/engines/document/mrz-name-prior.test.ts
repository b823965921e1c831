import { describe, expect, it } from 'vitest';
import { MRZ_CLASSES } from './mrz-glyph-classify.ts';
import { decodeName } from './mrz-name-prior.ts';

const nameClass = (symbol: number) => (symbol === 26 ? MRZ_CLASSES.length - 1 : 10 + symbol);
const text = (classes: number[]) => classes.map((c) => MRZ_CLASSES[c]).join('');

/**
 * Cells as the classifier would score them: each its own character at `sure` nats, everything
 * else at -8; `doubts` give a cell a second character and both their scores.
 */
function cells(s: string, doubts: Record<number, [string, number, string, number]> = {}, sure = -0.1): Float32Array[] {
  return [...s].map((ch, i) => {
    const v = new Float32Array(MRZ_CLASSES.length).fill(-8);
    const d = doubts[i];
    if (d) { v[MRZ_CLASSES.indexOf(d[0])] = d[1]; v[MRZ_CLASSES.indexOf(d[2])] = d[3]; } else v[MRZ_CLASSES.indexOf(ch)] = sure;
    return v;
  });
}

describe('MRZ name prior (letter bigrams of people\'s names)', () => {
  it('breaks a near-tie the way names are spelt: E over F after PH at a word end, O over D between S and N', () => {
    // The classifier slightly prefers F (a blurred OCR-B E loses its bottom stroke).
    expect(text(decodeName(cells('CHRISTOPHE<<<', { 9: ['F', -1.08, 'E', -1.85] }), nameClass))).toBe('CHRISTOPHE<<<');
    expect(text(decodeName(cells('ERIKSSON<<ANNA', { 6: ['D', -1.6, 'O', -3.2] }), nameClass))).toBe('ERIKSSON<<ANNA');
    // A Q before N at a word start is as rare in names as it is in words.
    expect(text(decodeName(cells('ANNA<MARIA', { 0: ['Q', -2.6, 'A', -2.66] }), nameClass))).toBe('ANNA<MARIA');
  });

  it('leaves names the classifier is sure of as read, however unusual', () => {
    for (const name of ['MXHMWD<EBDALRXHYM<<<', 'NGUYEN<<THI<MAI<<<', 'QVIST<<ZBIGNIEW<<', 'XIAOQING<<ZHAO']) {
      expect(text(decodeName(cells(name, {}, -0.3), nameClass))).toBe(name);
    }
  });

  it('does not move fillers: the padding after the names stays padding', () => {
    const name = 'DOE<<JOHN<<<<<<<<<<';
    // A faint filler next to a letter-like blot: the classifier's clear preference stands.
    expect(text(decodeName(cells(name, { 10: ['<', -0.4, 'N', -3] }), nameClass))).toBe(name);
  });

  it('with no weight is the classifier\'s own choice cell by cell', () => {
    expect(text(decodeName(cells('CHRISTOPHE', { 9: ['F', -1.08, 'E', -1.85] }), nameClass, 0))).toBe('CHRISTOPHF');
  });
});
