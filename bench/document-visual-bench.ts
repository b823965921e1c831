// The printed (visual) zone of MRZ documents (issue 21, item 4; issue 17's pipeline): what reading
// it costs and whether it still agrees with the MRZ when only the located zone is read. On each
// real specimen photo the MRZ is read once, then the printed text is OCR'd, interleaved image by
// image in the same process and worker: (a) the whole side at 1400 px, MRZ blanked (the reader
// before), (b) the located zone (above the MRZ, right of the portrait) at the shipped width, and
// the cross-check (names, number, birth, expiry) is scored for both. Then the whole read with
// visualZone 'always' against 'auto' (what the pipeline pays when authenticity is checked).
// `npx tsx bench/document-visual-bench.ts [--limit N]`
import fs from 'node:fs';
import path from 'node:path';
import { readDocument } from '../src/engines/document/read-document.ts';
import { closeMrzWorker } from '../src/engines/document/mrz-ocr.ts';
import { closeLicenceWorkers } from '../src/engines/document/licence-ocr.ts';
import { normaliseImage, rotateGray } from '../src/engines/document/image-normalise.ts';
import { readPrintedText } from '../src/engines/document/visual-zone-ocr.ts';
import { crossCheckVisual } from '../src/engines/document/visual-zone.ts';

const args = process.argv.slice(2);
const limit = args.includes('--limit') ? Number(args[args.indexOf('--limit') + 1]) : Infinity;
const now = new Date('2026-01-01T00:00:00Z');
const dir = path.resolve(process.cwd(), '../shared/data/mrz-document-images');
if (!fs.existsSync(dir)) {
  console.log(`${dir} not found: nothing to measure`);
  process.exit(0);
}
const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Record<string, unknown>;
type T = { ms: number[]; judged: number; agreed: number };
const t = (): T => ({ ms: [], judged: 0, agreed: 0 });
const whole = t(), zone = t(), always = t(), auto = t();
let n = 0;
for (const file of Object.keys(expected).slice(0, limit)) {
  const bytes = fs.readFileSync(path.join(dir, 'images', file));
  const r = await readDocument({ front: bytes, now, visualZone: 'never' });
  const side = r.sides.find((s) => s.mrzBox);
  if (!r.mrz || !side?.mrzBox) continue;
  n++;
  const img = await normaliseImage(bytes);
  const upright = side.rotation ? await rotateGray(img, side.rotation) : img;
  for (const [tally, zoneOnly] of (n % 2 ? [[whole, false], [zone, true]] : [[zone, true], [whole, false]]) as Array<[T, boolean]>) {
    const t0 = performance.now();
    const text = await readPrintedText(upright, side.mrzBox, { zoneOnly });
    tally.ms.push(performance.now() - t0);
    for (const v of Object.values(crossCheckVisual(text, r.data))) { tally.judged++; if (v) tally.agreed++; }
  }
  for (const [tally, mode] of (n % 2 ? [[always, 'always'], [auto, 'auto']] : [[auto, 'auto'], [always, 'always']]) as Array<[T, 'always' | 'auto']>) {
    const t0 = performance.now();
    await readDocument({ front: bytes, now, visualZone: mode });
    tally.ms.push(performance.now() - t0);
  }
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1] ?? 0;
const p95 = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length * 0.95)] ?? 0;
console.log(`${n} real specimens with an MRZ read`);
console.log('printed-zone OCR | fields shown as the MRZ has them | median ms | p95 ms');
for (const [name, x] of [['whole side, 1400 px (before)', whole], ['located zone (now)', zone]] as const) console.log(`${name} | ${x.agreed}/${x.judged} (${((100 * x.agreed) / Math.max(1, x.judged)).toFixed(1)}%) | ${med(x.ms).toFixed(0)} | ${p95(x.ms).toFixed(0)}`);
console.log(`ratio located/whole: median time ${(med(zone.ms) / Math.max(1, med(whole.ms))).toFixed(2)}×, agreement ${(zone.agreed / Math.max(1, whole.agreed)).toFixed(3)}×`);
console.log(`whole read: visualZone 'always' median ${med(always.ms).toFixed(0)} ms (p95 ${p95(always.ms).toFixed(0)}), 'auto' median ${med(auto.ms).toFixed(0)} ms (p95 ${p95(auto.ms).toFixed(0)}); always/auto ${(med(always.ms) / Math.max(1, med(auto.ms))).toFixed(2)}×`);
await closeLicenceWorkers();
await closeMrzWorker();
