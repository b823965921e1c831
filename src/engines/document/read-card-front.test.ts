import { afterAll, describe, expect, it } from 'vitest';
import { closeLicenceWorkers } from './licence-ocr.ts';
import { closeMrzWorker } from './mrz-ocr.ts';
import { readDocument } from './read-document.ts';
import { degrade } from '../../../test/fixtures/documents/degrade.ts';
import { generateIdCard } from '../../../test/fixtures/documents/generate-id-card.ts';
import { generateLicence } from '../../../test/fixtures/documents/generate-licence.ts';
import { ID_FRONT_SPECS, idPortraitBox } from '../../../test/fixtures/documents/render-id-front.ts';
import { LICENCE_SPECS } from '../../../test/fixtures/documents/render-licence.ts';

afterAll(() => Promise.all([closeMrzWorker(), closeLicenceWorkers()]));
const now = new Date('2026-01-01T00:00:00Z');
/** Share of box `a` inside box `b`. */
const inside = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) =>
  (Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y))) / (a.w * a.h);

describe('card fronts read from print', () => {
  it('reads an ID card front photographed upside down, and reports its portrait box in the turned image', async () => {
    const spec = ID_FRONT_SPECS.find((s) => s.iso2 === 'BE')!;
    const g = await generateIdCard(5, { spec, degradation: {} });
    const r = await readDocument({ front: await degrade(g.front, { rotate: 180 }), now });
    expect(r.data).toMatchObject({ documentType: 'I', documentSide: 'FRONT', issuerOrg_iso2: 'BE', lastName: g.identity.surname, documentNumber: g.number });
    expect(r.sides[0]!.rotation).toBe(180);
    // Turned back upright the photo is the card itself: the portrait (right on Belgian cards) is inside the box.
    expect(inside(idPortraitBox(spec), r.sides[0]!.portraitBox!)).toBeGreaterThan(0.9);
    expect(r.idFront?.country).toBe('BE');
  }, 120_000);

  it('reads an EU licence front with its portrait box, and settles its number by the country format', async () => {
    const g = await generateLicence(3, { spec: LICENCE_SPECS.find((s) => s.iso2 === 'FR'), degradation: {} });
    const r = await readDocument({ front: g.front, now });
    expect(r.data).toMatchObject({ documentType: 'D', issuerOrg_iso2: 'FR', documentNumber: g.number });
    expect(r.fieldConfidence?.documentNumber?.doubtful).toBe(false);
    expect(inside({ x: 30, y: 140, w: 230, h: 300 }, r.sides[0]!.portraitBox!)).toBeGreaterThan(0.8);
  }, 120_000);
});
