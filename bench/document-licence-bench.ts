// EU-model driving licences read from their print: generated fronts (12 countries' layouts,
// photographed: tilt, keystone, glare, blur, JPEG, clutter), each read by the engine (located
// regions, the country's tesseract model) and, in the same run, by a whole-page tesseract
// baseline (the side OCR'd at once, the same field parser). Per field: right, wrong but marked
// doubtful, wrong and reported sure (the aim is zero), missing. Real EU licence specimens are
// not in ../shared/data, so only generated ones are measured.
// `npx tsx bench/document-licence-bench.ts [--generated N] [--no-baseline]`
import { generateLicence } from '../test/fixtures/documents/generate-licence.ts';
import { readDocument } from '../src/engines/document/read-document.ts';
import { closeMrzWorker } from '../src/engines/document/mrz-ocr.ts';
import { closeLicenceWorkers } from '../src/engines/document/licence-ocr.ts';
import { normaliseImage } from '../src/engines/document/image-normalise.ts';
import { readPrintedText } from '../src/engines/document/visual-zone-ocr.ts';
import { numberedFields } from '../src/engines/document/licence-fields.ts';
import { classifyLicence, licenceData } from '../src/engines/document/read-licence.ts';
import type { DocupassData, FieldConfidence } from '../src/engines/document/document-reading.ts';

const args = process.argv.slice(2);
const n = args.includes('--generated') ? Number(args[args.indexOf('--generated') + 1]) : 200;
const baseline = !args.includes('--no-baseline');
const verbose = args.includes('--verbose');
const now = new Date('2026-01-01T00:00:00Z');
const p2 = (x: number) => String(x).padStart(2, '0');
const ymd = (d: { y: number; m: number; d: number }) => `${d.y}/${p2(d.m)}/${p2(d.d)}`;
const FIELDS = ['lastName', 'firstName', 'middleName', 'dob', 'issued', 'expiry', 'documentNumber', 'documentType', 'issuerOrg_iso2'] as const;

type Tally = { right: number; wrongDoubted: number; wrongSure: number; missing: number; rightDoubted: number; docsAllRight: number; docsWrongSure: number; ms: number[] };
const tally = (): Tally => ({ right: 0, wrongDoubted: 0, wrongSure: 0, missing: 0, rightDoubted: 0, docsAllRight: 0, docsWrongSure: 0, ms: [] });

function judge(t: Tally, data: DocupassData, conf: Partial<Record<keyof DocupassData, FieldConfidence>> | 'sure', truth: Record<string, string | undefined>, label: string) {
  let allRight = true, wrongSure = false;
  const notes: string[] = [];
  for (const k of FIELDS) {
    const want = truth[k];
    if (want === undefined) continue;
    const got = data[k];
    const doubted = conf === 'sure' ? false : (conf[k]?.doubtful ?? true);
    if (got === undefined) { t.missing++; allRight = false; notes.push(`${k} missing`); }
    else if (String(got) === want) { t.right++; if (doubted) { t.rightDoubted++; if (conf !== 'sure') notes.push(`${k} right, doubted at ${conf[k]?.confidence}`); } }
    else { allRight = false; notes.push(`${k} ${got}≠${want}${doubted ? ' (doubted' : ' SURE'}${conf !== 'sure' ? ` at ${conf[k]?.confidence})` : ''}`); if (doubted) t.wrongDoubted++; else { t.wrongSure++; wrongSure = true; } }
  }
  if (allRight) t.docsAllRight++;
  if (wrongSure) t.docsWrongSure++;
  if (verbose && notes.length) console.log(`  ${label}: ${notes.join('; ')}`);
}

const engine = tally(), base = tally();
let fieldsTotal = 0;
for (let seed = 0; seed < n; seed++) {
  const g = await generateLicence(seed);
  const id = g.identity;
  const truth: Record<string, string | undefined> = {
    lastName: id.surname, firstName: id.given[0], middleName: id.given.length > 1 ? id.given.slice(1).join(' ') : undefined,
    dob: ymd(id.birth), issued: ymd(id.issued), expiry: ymd(id.expiry), documentNumber: g.number, documentType: 'D', issuerOrg_iso2: g.spec.iso2,
  };
  fieldsTotal += Object.values(truth).filter((v) => v !== undefined).length;
  const label = `seed ${seed} ${g.spec.iso2} ${JSON.stringify(g.degradation)}`;
  let t0 = performance.now();
  const r = await readDocument({ front: g.front, now });
  engine.ms.push(performance.now() - t0);
  judge(engine, r.data, r.fieldConfidence ?? {}, truth, `${label} engine`);
  if (baseline) {
    t0 = performance.now();
    const img = await normaliseImage(g.front);
    const text = await readPrintedText(img);
    const lines = text.split('\n').map((l) => ({ text: l, confidence: 100 }));
    const b = licenceData(numberedFields(lines), classifyLicence(text, text.split(/\s+/).find((w) => /^[A-Z]{1,3}$/.test(w)) ?? '').country, now);
    base.ms.push(performance.now() - t0);
    // The baseline has no confidence of its own: everything it reports counts as sure.
    judge(base, b.data, 'sure', truth, `${label} baseline`);
  }
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1] ?? 0;
const p95 = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length * 0.95)] ?? 0;
const pct = (x: number) => `${((100 * x) / fieldsTotal).toFixed(1)}%`;
console.log(`${n} generated EU-model licence fronts, ${fieldsTotal} fields`);
console.log('reader | fields right | wrong, doubted | wrong, reported sure | missing | right but doubted | documents all right | median ms | p95 ms');
const row = (name: string, t: Tally) => console.log(`${name} | ${t.right} (${pct(t.right)}) | ${t.wrongDoubted} | ${t.wrongSure} | ${t.missing} | ${t.rightDoubted} | ${t.docsAllRight}/${n} | ${med(t.ms).toFixed(0)} | ${p95(t.ms).toFixed(0)}`);
row('engine (located regions)', engine);
if (baseline) {
  row('baseline (whole page, eng)', base);
  console.log(`ratio engine/baseline: fields right ${(engine.right / Math.max(1, base.right)).toFixed(2)}×, median time ${(med(engine.ms) / Math.max(1, med(base.ms))).toFixed(2)}×`);
}
await closeLicenceWorkers();
await closeMrzWorker();
