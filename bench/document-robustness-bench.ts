// How the MRZ reader holds up when the real specimen photos are taken worse: each photo is
// transformed (tilted, keystoned, dimmed, blurred, shrunk, turned) and read again; the figures are
// ratios to the untransformed photos read in the same run. A "false valid" is a read whose check
// digits all pass but whose lines are not the printed ones (a name letter wrong, mostly). What
// matters is whether the wrong value is reported as sure: "wrong as sure" counts reads with a
// field of `data` that differs from the print's and is not marked doubtful (the aim is zero);
// "doubted right" counts reads whose fields were all right but some were marked doubtful (the
// price: such a field cannot pass a verify_* check without corroboration).
// `npx tsx bench/document-robustness-bench.ts [--engines glyphs|both] [TRANSFORM...]`
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { readDocument } from '../src/engines/document/read-document.ts';
import { closeMrzWorker } from '../src/engines/document/mrz-ocr.ts';
import { dataFromMrz } from '../src/engines/document/docupass-data.ts';
import { parseMrz } from '../src/engines/document/mrz-parse.ts';
import type { DocumentReading, DocupassData } from '../src/engines/document/document-reading.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
/** Fields of `data` that differ from what the print's MRZ says, split by whether they were doubted. */
function judge(r: DocumentReading, lines: string[]): { wrongSure: string[]; wrongDoubted: string[]; rightDoubted: string[] } {
  const p = parseMrz(lines, { repair: false });
  const truth: DocupassData = p ? dataFromMrz(p, NOW) : {};
  const out = { wrongSure: [] as string[], wrongDoubted: [] as string[], rightDoubted: [] as string[] };
  for (const [k, v] of Object.entries(r.data)) {
    if (!(k in truth) || k === 'documentSide') continue;
    const doubted = r.fieldConfidence?.[k as keyof DocupassData]?.doubtful ?? false;
    const right = String(truth[k as keyof DocupassData]) === String(v);
    const tag = `${k}:${r.fieldConfidence?.[k as keyof DocupassData]?.confidence ?? '?'}`;
    if (!right) (doubted ? out.wrongDoubted : out.wrongSure).push(tag);
    else if (doubted) out.rightDoubted.push(tag);
  }
  return out;
}

const args = process.argv.slice(2);
const engines = (args.includes('--engines') ? args[args.indexOf('--engines') + 1] : 'glyphs') as 'glyphs' | 'both';
const only = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--engines');
const dir = path.resolve(process.cwd(), '../shared/data/mrz-document-images');
if (!fs.existsSync(dir)) {
  console.log(`skipped: ${dir} not found (the real specimens are in the shared data)`);
  process.exit(0);
}
const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Record<string, { mrz_lines: string[] }>;

/** Keystone: the top edge narrowed by `k` of the width, as from a camera held below the page's centre. */
async function keystone(buf: Buffer, k: number): Promise<Buffer> {
  const { data, info } = await sharp(buf).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width: W, height: H, channels: C } = info;
  const out = Buffer.alloc(W * H * C, 90);
  for (let y = 0; y < H; y++) {
    const s = 1 - k * (1 - y / H);
    for (let x = 0; x < W; x++) {
      const sx = W / 2 + (x - W / 2) / s;
      if (sx < 0 || sx >= W - 1) continue;
      const x0 = Math.floor(sx), a = sx - x0;
      for (let c = 0; c < C; c++) out[(y * W + x) * C + c] = data[(y * W + x0) * C + c]! * (1 - a) + data[(y * W + x0 + 1) * C + c]! * a;
    }
  }
  return sharp(out, { raw: { width: W, height: H, channels: C } }).png().toBuffer();
}

const TRANSFORMS: Record<string, (b: Buffer) => Promise<Buffer>> = {
  'as photographed': async (b) => b,
  'tilted 7°': (b) => sharp(b).rotate(7, { background: '#555' }).png().toBuffer(),
  'tilted -9°': (b) => sharp(b).rotate(-9, { background: '#555' }).png().toBuffer(),
  'quarter-turned and tilted -8°': async (b) => sharp(await sharp(b).rotate(90).png().toBuffer()).rotate(-8, { background: '#555' }).png().toBuffer(),
  'upside down, JPEG q40': (b) => sharp(b).rotate(180).jpeg({ quality: 40 }).toBuffer(),
  'keystone 12%': (b) => keystone(b, 0.12),
  'contrast 35%': (b) => sharp(b).linear(0.35, 30).png().toBuffer(),
  'blur σ1': (b) => sharp(b).blur(1).png().toBuffer(),
  'half size': async (b) => sharp(b).resize({ width: Math.round((await sharp(b).metadata()).width! * 0.5) }).png().toBuffer(),
};

// The two photos no reader can match exactly (Ñ outside the MRZ alphabet; digits under a red
// overprint) would only add the same miss to every row.
const files = Object.keys(expected).filter((f) => !/0_id-esp|ICAO_Example2/.test(f));
let base = 0;
console.log(`${files.length} real specimen photos, engines: ${engines}\n`);
const verbose = args.includes('--verbose');
console.log('transform | read exactly | ratio to untransformed | false valid | wrong as sure | doubted right | median ms');
for (const [name, transform] of Object.entries(TRANSFORMS)) {
  if (only.length && name !== 'as photographed' && !only.some((o) => name.includes(o))) continue;
  let ok = 0, falseValid = 0, wrongAsSure = 0, doubtedRight = 0;
  const ms: number[] = [];
  for (const file of files) {
    const img = await transform(fs.readFileSync(path.join(dir, 'images', file)));
    const t0 = performance.now();
    const r = await readDocument({ front: img, now: NOW, engines, visualZone: engines === 'glyphs' ? 'never' : 'auto' });
    ms.push(performance.now() - t0);
    if (r.mrz?.lines.join('\n') === expected[file]!.mrz_lines.join('\n')) ok++;
    else if (r.mrz?.valid) falseValid++;
    const j = judge(r, expected[file]!.mrz_lines);
    if (j.wrongSure.length) wrongAsSure++;
    else if (!j.wrongDoubted.length && j.rightDoubted.length) doubtedRight++;
    if (verbose && (j.wrongSure.length || j.wrongDoubted.length || j.rightDoubted.length)) console.log(`  ${file}: wrong sure [${j.wrongSure}] wrong doubted [${j.wrongDoubted}] right doubted [${j.rightDoubted}]`);
  }
  if (name === 'as photographed') base = ok;
  ms.sort((a, b) => a - b);
  console.log(`${name} | ${ok}/${files.length} | ${(ok / Math.max(1, base)).toFixed(2)}× | ${falseValid} | ${wrongAsSure} | ${doubtedRight} | ${ms[ms.length >> 1]!.toFixed(0)}`);
}
await closeMrzWorker();
