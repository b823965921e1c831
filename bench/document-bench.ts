// Document reading benchmark: real specimen photos and generated documents, read one at a time
// in this process (one tesseract worker, one core), with exact-match scoring per field.
// `npx tsx bench/document-bench.ts [--generated N] [--real-only] [--generated-only] [--engines both|glyphs|tesseract] [--no-baseline] [--visual auto|always]`
// `--visual always`: the printed zone is read too (as when authenticity is checked); its agreement with the MRZ is reported.
import fs from 'node:fs';
import path from 'node:path';
import { readDocument } from '../src/engines/document/read-document.ts';
import { closeMrzWorker } from '../src/engines/document/mrz-ocr.ts';
import { parseMrz } from '../src/engines/document/mrz-parse.ts';
import { generateDocument } from '../test/fixtures/documents/generate-document.ts';
import type { FixtureFormat } from '../test/fixtures/documents/build-mrz.ts';
import type { Degradation } from '../test/fixtures/documents/degrade.ts';

const args = process.argv.slice(2);
const nGenerated = Number(args[args.indexOf('--generated') + 1]) || 200;
const now = new Date('2026-01-01T00:00:00Z');
const engines = (args.includes('--engines') ? args[args.indexOf('--engines') + 1] : 'both') as 'both' | 'glyphs' | 'tesseract';
const visualZone = (args.includes('--visual') ? args[args.indexOf('--visual') + 1] : 'auto') as 'auto' | 'always';
/** Printed-zone cross-checks: fields judged, fields the print showed as the MRZ has them. */
const agreement = { judged: 0, agreed: 0, docs: 0 };

type Tally = { docs: number; full: number; fields: Record<string, { ok: number; n: number }>; ms: number[] };
const tally = (): Tally => ({ docs: 0, full: 0, fields: {}, ms: [] });

function score(t: Tally, expected: Record<string, string>, got: Record<string, string | undefined>, ms: number) {
  t.docs++;
  t.ms.push(ms);
  let all = true;
  for (const [k, v] of Object.entries(expected)) {
    const f = (t.fields[k] ??= { ok: 0, n: 0 });
    f.n++;
    if (got[k] === v) f.ok++;
    else all = false;
  }
  if (all) t.full++;
}

const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : 'n/a');
function report(name: string, t: Tally) {
  const ms = [...t.ms].sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]?.toFixed(0);
  console.log(`\n## ${name}: ${t.docs} documents`);
  console.log(`fully correct: ${t.full}/${t.docs} = ${pct(t.full, t.docs)}%`);
  console.log(`per field: ${Object.entries(t.fields).map(([k, f]) => `${k} ${pct(f.ok, f.n)}%`).join(', ')}`);
  console.log(`time per document: median ${q(0.5)} ms, p95 ${q(0.95)} ms`);
}

// Fields as read, without parseMrz's look-alike repair: a print whose check digits are wrong on
// purpose must be reported as printed, not "repaired" by the scorer.
const mrzFields = (lines: string[]) => {
  const p = parseMrz(lines, { repair: false });
  if (!p) return {};
  const f = p.fields;
  return { lines: p.lines.join('\n'), surname: f.surname, givenNames: f.givenNames, documentNumber: f.documentNumber, nationality: f.nationality, birth: f.birth, expiry: f.expiry, sex: f.sex };
};

// Real specimens: the ground truth is the MRZ text; every field cut from it must match.
const realDir = path.resolve(process.cwd(), '../shared/data/mrz-document-images');
if (!args.includes('--generated-only') && fs.existsSync(realDir)) {
  const expected = JSON.parse(fs.readFileSync(path.join(realDir, 'expected.json'), 'utf8')) as Record<string, { mrz_lines: string[]; mrz_format: string }>;
  const run = async (label: string, eng: typeof engines) => {
    const t = tally();
    const failures: string[] = [];
    for (const [file, e] of Object.entries(expected)) {
      const bytes = fs.readFileSync(path.join(realDir, 'images', file));
      const t0 = performance.now();
      const r = await readDocument({ front: bytes, now, engines: eng, visualZone });
      const ms = performance.now() - t0;
      if (eng === engines && r.visual?.agreement) {
        agreement.docs++;
        for (const v of Object.values(r.visual.agreement)) { agreement.judged++; if (v) agreement.agreed++; }
      }
      const exp = { ...mrzFields(e.mrz_lines), lines: e.mrz_lines.join('\n') } as Record<string, string>;
      const got = r.mrz ? mrzFields(r.mrz.lines) : {};
      score(t, exp, got, ms);
      if (got.lines !== exp.lines) failures.push(file);
    }
    report(label, t);
    console.log(`not fully correct: ${failures.join(', ')}`);
    return t;
  };
  const t = await run('real specimen photos (mrz-document-images)', engines);
  if (visualZone === 'always') console.log(`printed zone (visual 'always'): read on ${agreement.docs} documents; ${agreement.agreed}/${agreement.judged} machine-read fields shown the same in print (${pct(agreement.agreed, agreement.judged)}%)`);
  // Baseline in the same run (the machine is noisy): session 1's reader, tesseract alone.
  if (!args.includes('--no-baseline')) {
    const b = await run('baseline: the same photos read by tesseract alone', 'tesseract');
    const med = (x: Tally) => [...x.ms].sort((p, q) => p - q)[x.ms.length >> 1]!;
    console.log(`ratio to baseline: fully correct ${(t.full / Math.max(1, b.full)).toFixed(2)}×, median time ${(med(t) / med(b)).toFixed(3)}×`);
  }
}

if (!args.includes('--real-only')) {
  const kinds: Array<FixtureFormat | 'AAMVA'> = ['TD3', 'TD1', 'TD2', 'MRVA', 'MRVB', 'AAMVA'];
  const degradations: Degradation[] = [
    {}, { jpegQuality: 60 }, { blur: 0.8 }, { rotate: 90 }, { rotate: 180 }, { rotate: 270 }, { tilt: 3 }, { tilt: -5, background: true },
    { perspective: 0.04 }, { glare: true, background: true }, { background: true, jpegQuality: 75 }, { tilt: 2, rotate: 90, blur: 0.6 },
  ];
  const t = tally();
  const byKind: Record<string, Tally> = {};
  const genFailures: string[] = [];
  const slow: string[] = [];
  for (let i = 0; i < nGenerated; i++) {
    const kind = kinds[i % kinds.length]!;
    const d = degradations[Math.floor(i / kinds.length) % degradations.length]!;
    const g = await generateDocument(kind, 9000 + i, d, kind === 'AAMVA' ? 1 + (i % 10) : 10);
    const t0 = performance.now();
    const r = await readDocument({ front: g.front, back: g.back, now, engines });
    const ms = performance.now() - t0;
    const id = g.identity;
    const ymd = (x: { y: number; m: number; d: number }) => `${x.y}/${String(x.m).padStart(2, '0')}/${String(x.d).padStart(2, '0')}`;
    const exp: Record<string, string> = { documentNumber: id.documentNumber, lastName: id.surname, firstName: id.given[0]!, dob: ymd(id.birth), expiry: ymd(id.expiry), sex: id.sex };
    if (kind !== 'AAMVA') exp.nationality_iso3 = id.nationality;
    const got = Object.fromEntries(Object.entries(r.data).map(([k, v]) => [k, v === undefined ? undefined : String(v)]));
    score(t, exp, got, ms);
    score((byKind[kind] ??= tally()), exp, got, ms);
    const wrong = Object.keys(exp).filter((k) => got[k] !== exp[k]);
    if (ms > 2000) slow.push(`${kind} ${JSON.stringify(d)} seed ${9000 + i}: ${ms.toFixed(0)} ms, MRZ by ${r.mrz?.engine ?? '-'}`);
    if (wrong.length) genFailures.push(`${kind} ${JSON.stringify(d)} seed ${9000 + i}: ${wrong.map((k) => `${k} ${got[k]}≠${exp[k]}`).join(', ')}`);
  }
  report(`generated documents (${kinds.join('/')}, ${degradations.length} degradations)`, t);
  for (const [k, kt] of Object.entries(byKind)) {
    const ms = [...kt.ms].sort((a, b) => a - b);
    console.log(`  ${k}: ${pct(kt.full, kt.docs)}% fully correct (${kt.docs}), median ${ms[ms.length >> 1]!.toFixed(0)} ms, max ${ms[ms.length - 1]!.toFixed(0)} ms`);
  }
  if (slow.length) console.log(`over 2 s:\n  ${slow.join('\n  ')}`);
  if (genFailures.length) console.log(`not fully correct:\n  ${genFailures.join('\n  ')}`);
}
await closeMrzWorker();
