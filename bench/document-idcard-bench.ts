// National ID card fronts read from their print (issue 21): generated fronts (9 countries' layouts
// and labels, photographed: tilt, keystone, glare, blur, JPEG, clutter) with a matching TD1 back.
// Each is read (1) front alone by the engine (title, labels located, values re-read on their
// regions, the country's tesseract model), (2) front and MRZ back together (the MRZ's values, the
// print as cross-check), (3) front alone turned upside down (every third card), and, in the same
// run, (4) by the whole-page tesseract baseline (the side OCR'd at once, values by their labels).
// Per field: right, wrong but marked doubtful, wrong and reported sure (the aim is zero), missing.
// `npx tsx bench/document-idcard-bench.ts [--generated N] [--no-baseline] [--verbose]`
import { generateIdCard } from '../test/fixtures/documents/generate-id-card.ts';
import { degrade } from '../test/fixtures/documents/degrade.ts';
import { readDocument } from '../src/engines/document/read-document.ts';
import { closeMrzWorker } from '../src/engines/document/mrz-ocr.ts';
import { closeLicenceWorkers } from '../src/engines/document/licence-ocr.ts';
import { normaliseImage } from '../src/engines/document/image-normalise.ts';
import { readPrintedText } from '../src/engines/document/visual-zone-ocr.ts';
import { dataFromVisual, visualFields } from '../src/engines/document/visual-zone.ts';
import type { DocupassData, FieldConfidence } from '../src/engines/document/document-reading.ts';

const args = process.argv.slice(2);
const n = args.includes('--generated') ? Number(args[args.indexOf('--generated') + 1]) : 54;
const baseline = !args.includes('--no-baseline');
const verbose = args.includes('--verbose');
const now = new Date('2026-01-01T00:00:00Z');
const p2 = (x: number) => String(x).padStart(2, '0');
const ymd = (d: { y: number; m: number; d: number }) => `${d.y}/${p2(d.m)}/${p2(d.d)}`;
const FIELDS = ['lastName', 'firstName', 'middleName', 'dob', 'expiry', 'documentNumber', 'documentType', 'issuerOrg_iso2', 'nationality_iso3'] as const;

type Tally = { right: number; wrongDoubted: number; wrongSure: number; missing: number; rightDoubted: number; docs: number; docsAllRight: number; fields: number; ms: number[] };
const tally = (): Tally => ({ right: 0, wrongDoubted: 0, wrongSure: 0, missing: 0, rightDoubted: 0, docs: 0, docsAllRight: 0, fields: 0, ms: [] });

function judge(t: Tally, data: DocupassData, conf: Partial<Record<keyof DocupassData, FieldConfidence>> | 'sure', truth: Record<string, string | undefined>, label: string, ms: number) {
  let allRight = true;
  const notes: string[] = [];
  t.docs++;
  t.ms.push(ms);
  for (const k of FIELDS) {
    const want = truth[k];
    if (want === undefined) continue;
    t.fields++;
    const got = data[k];
    const doubted = conf === 'sure' ? false : (conf[k]?.doubtful ?? true);
    if (got === undefined) { t.missing++; allRight = false; notes.push(`${k} missing`); }
    else if (String(got) === want) { t.right++; if (doubted) { t.rightDoubted++; notes.push(`${k} right, doubted`); } }
    else { allRight = false; notes.push(`${k} ${got}≠${want}${doubted ? ' (doubted)' : ' SURE'}`); if (doubted) t.wrongDoubted++; else t.wrongSure++; }
  }
  if (allRight) t.docsAllRight++;
  if (verbose && notes.length) console.log(`  ${label}: ${notes.join('; ')}`);
}

const front = tally(), both = tally(), turned = tally(), base = tally();
for (let seed = 0; seed < n; seed++) {
  const g = await generateIdCard(seed);
  const id = g.identity;
  const iso3 = { DE: 'DEU' }[g.spec.iso2] ?? g.spec.iso3;
  const truth: Record<string, string | undefined> = {
    lastName: id.surname, firstName: id.given[0], middleName: id.given.length > 1 ? id.given.slice(1).join(' ') : undefined,
    dob: ymd(id.birth), expiry: ymd(id.expiry), documentNumber: g.number, documentType: 'I', issuerOrg_iso2: g.spec.iso2, nationality_iso3: iso3,
  };
  const label = `seed ${seed} ${g.spec.iso2} ${JSON.stringify(g.degradation)}`;
  let t0 = performance.now();
  let r = await readDocument({ front: g.front, now });
  judge(front, r.data, r.fieldConfidence ?? {}, truth, `${label} front`, performance.now() - t0);
  t0 = performance.now();
  r = await readDocument({ front: g.front, back: g.back, now });
  judge(both, r.data, r.fieldConfidence ?? {}, truth, `${label} front+back`, performance.now() - t0);
  if (seed % 3 === 0) {
    const upside = await degrade(g.front, { rotate: 180 });
    t0 = performance.now();
    r = await readDocument({ front: upside, now });
    judge(turned, r.data, r.fieldConfidence ?? {}, truth, `${label} upside down`, performance.now() - t0);
  }
  if (baseline) {
    t0 = performance.now();
    const text = await readPrintedText(await normaliseImage(g.front));
    const b = dataFromVisual(visualFields(text, now), now);
    // The baseline has no confidence of its own: everything it reports counts as sure.
    judge(base, b, 'sure', truth, `${label} baseline`, performance.now() - t0);
  }
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1] ?? 0;
const p95 = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length * 0.95)] ?? 0;
const pct = (x: number, t: Tally) => `${((100 * x) / Math.max(1, t.fields)).toFixed(1)}%`;
console.log(`${n} generated ID cards (front + TD1 back), fields: ${FIELDS.join(', ')}`);
console.log('reader | fields right | wrong, doubted | wrong, reported sure | missing | right but doubted | documents all right | median ms | p95 ms');
const row = (name: string, t: Tally) => console.log(`${name} | ${t.right}/${t.fields} (${pct(t.right, t)}) | ${t.wrongDoubted} | ${t.wrongSure} | ${t.missing} | ${t.rightDoubted} | ${t.docsAllRight}/${t.docs} | ${med(t.ms).toFixed(0)} | ${p95(t.ms).toFixed(0)}`);
row('engine, front alone', front);
row('engine, front + MRZ back', both);
row('engine, front alone upside down', turned);
if (baseline) {
  row('baseline (whole page, eng, labels)', base);
  console.log(`ratio front-alone engine/baseline: fields right ${(front.right / Math.max(1, base.right)).toFixed(2)}×, median time ${(med(front.ms) / Math.max(1, med(base.ms))).toFixed(2)}×`);
}
await closeLicenceWorkers();
await closeMrzWorker();
