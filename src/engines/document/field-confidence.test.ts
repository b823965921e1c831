import { describe, expect, it } from 'vitest';
import { dataFromMrz } from './docupass-data.ts';
import { DOUBTFUL_BELOW, mrzDataConfidence } from './field-confidence.ts';
import { parseMrz } from './mrz-parse.ts';
import type { MrzRead } from './mrz-read.ts';
import { confirmByPrint } from './visual-zone.ts';

const now = new Date('2026-01-01T00:00:00Z');
// ICAO 9303 specimen passport (valid check digits).
const LINES = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];

/** A glyph read of the specimen whose cells all have `sure` nats of margin, except those given. */
function glyphRead(weak: Record<string, number> = {}, sure = 8): MrzRead {
  const p = parseMrz(LINES, { repair: false })!;
  const cellMargins = LINES.map((l, li) => [...l].map((_, i) => weak[`${li}:${i}`] ?? sure));
  return { ...p, rotation: 0, uprightSize: { width: 1000, height: 700 }, engine: 'glyphs', confidence: 0.95, cellMargins };
}

describe('per-field confidence of an MRZ read', () => {
  it('reports every field sure when every cell is read with a wide margin', () => {
    const m = glyphRead();
    const c = mrzDataConfidence(m, dataFromMrz(m, now));
    expect(c.lastName).toMatchObject({ source: 'mrz', doubtful: false });
    expect(Object.values(c).every((x) => !x!.doubtful && x!.confidence >= DOUBTFUL_BELOW)).toBe(true);
  });

  it('marks a name doubtful when one of its letters was a near-tie (no check digit covers names)', () => {
    // line 0, col 10: the second S of ERIKSSON; 0.5 nats over its runner-up.
    const m = glyphRead({ '0:10': 0.5 });
    const c = mrzDataConfidence(m, dataFromMrz(m, now));
    expect(c.lastName?.doubtful).toBe(true);
    expect(c.fullName?.doubtful).toBe(true);
    expect(c.firstName?.doubtful).toBe(false);
    expect(c.documentNumber?.doubtful).toBe(false);
  });

  it('trusts one weak digit behind a passing check digit, but not two, nor a runner-up the repair chose', () => {
    const one = glyphRead({ '1:2': 0.5 });
    expect(mrzDataConfidence(one, dataFromMrz(one, now)).documentNumber?.doubtful).toBe(false);
    const two = glyphRead({ '1:2': 0.5, '1:9': 0.5 });
    expect(mrzDataConfidence(two, dataFromMrz(two, now)).documentNumber?.doubtful).toBe(true);
    const repaired = glyphRead({ '1:14': -0.3 });
    const c = mrzDataConfidence(repaired, dataFromMrz(repaired, now));
    expect(c.dob?.doubtful).toBe(true);
    expect(c.age?.doubtful).toBe(true);
  });

  it('never takes a field whose check digit fails as sure, however clear its cells', () => {
    // 99O03853 for 99003853: every cell clear, the number's check digit fails.
    const lines = [LINES[0]!, LINES[1]!.slice(0, 3) + 'O' + LINES[1]!.slice(4)];
    const p = parseMrz(lines, { repair: false })!;
    expect(p.checkDigits.documentNumber).toBe(false);
    const m: MrzRead = { ...p, rotation: 0, uprightSize: { width: 1000, height: 700 }, engine: 'glyphs', confidence: 0.95, cellMargins: lines.map((l) => [...l].map(() => 3)) };
    const c = mrzDataConfidence(m, dataFromMrz(m, now));
    expect(c.documentNumber?.doubtful).toBe(true);
    expect(c.dob?.doubtful).toBe(false);
  });

  it('never takes a tesseract name as sure (no per-character scores, no check digit)', () => {
    const { cellMargins: _, ...m } = glyphRead();
    const c = mrzDataConfidence({ ...m, engine: 'tesseract' }, dataFromMrz(m, now));
    expect(c.lastName?.doubtful).toBe(true);
    expect(c.documentNumber?.doubtful).toBe(false);
  });
});

describe('doubtful fields settled by the print', () => {
  const doubtfulName = () => {
    const m = glyphRead({ '0:10': 0.5 });
    const data = dataFromMrz(m, now);
    return { data, fieldConfidence: mrzDataConfidence(m, data) };
  };

  it('settles a doubtful name the print shows exactly', () => {
    const r = doubtfulName();
    confirmByPrint('PASSPORT\nSurname\nERIKSSON\nGiven names\nANNA MARIA', r);
    expect(r.fieldConfidence.lastName).toMatchObject({ doubtful: false, confirmedBy: 'visual' });
    expect(r.fieldConfidence.fullName?.doubtful).toBe(false);
  });

  it('does not settle it on a near match (the letter in doubt is the one that differs)', () => {
    const r = doubtfulName();
    confirmByPrint('PASSPORT\nSurname\nERIKSSDN\nGiven names\nANNA MARIA', r);
    expect(r.fieldConfidence.lastName?.doubtful).toBe(true);
    expect(r.data.lastName).toBe('ERIKSSON');
  });
});
