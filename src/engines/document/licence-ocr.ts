import { createRequire } from 'node:module';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import type { OcrLang } from './eu-licence-countries.ts';
import type { OcrLine } from './licence-fields.ts';

const require = createRequire(import.meta.url);

/**
 * One tesseract LSTM worker per language and thread, created on first use and kept; models
 * come from the installed @tesseract.js-data packages (nothing is downloaded at run time).
 */
const workers = new Map<OcrLang, Promise<Worker>>();

function workerFor(lang: OcrLang): Promise<Worker> {
  let w = workers.get(lang);
  if (!w) {
    w = (async () => {
      const data = require(`@tesseract.js-data/${lang}`) as { langPath: string };
      const worker = await createWorker(lang, OEM.LSTM_ONLY, { langPath: data.langPath, cacheMethod: 'none', gzip: true } as never);
      await worker.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_BLOCK, user_defined_dpi: '300', preserve_interword_spaces: '1' } as never);
      return worker;
    })();
    workers.set(lang, w);
  }
  return w;
}

type Bbox = { x0: number; y0: number; x1: number; y1: number };
type Word = { text: string; confidence: number; bbox: Bbox };
type Block = { paragraphs?: Array<{ lines?: Array<{ text: string; confidence: number; bbox?: Bbox; words?: Word[] }> }> };

/** The lines of one located region (a PNG), each with tesseract's confidence (0..100). */
export async function ocrRegionLines(png: Buffer, lang: OcrLang, psm: PSM = PSM.SINGLE_BLOCK, whitelist = ''): Promise<OcrLine[]> {
  const w = await workerFor(lang);
  if (psm !== PSM.SINGLE_BLOCK || whitelist) await w.setParameters({ tessedit_pageseg_mode: psm, tessedit_char_whitelist: whitelist } as never);
  try {
    const r = await w.recognize(png, {}, { blocks: true, text: true } as never);
    const blocks = ((r.data as unknown as { blocks?: Block[] }).blocks ?? []);
    const lines = blocks.flatMap((b) => b.paragraphs ?? []).flatMap((p) => p.lines ?? []);
    return lines.map((l) => ({ text: l.text.replace(/\n/g, ' ').trim(), confidence: l.confidence, ...(l.bbox && { bbox: l.bbox }) })).filter((l) => l.text);
  } finally {
    if (psm !== PSM.SINGLE_BLOCK || whitelist) await w.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_BLOCK, tessedit_char_whitelist: '' } as never);
  }
}

/** The words of one located region, line by line, each with its box and confidence (0..100). */
export async function ocrRegionWords(png: Buffer, lang: OcrLang, psm: PSM = PSM.SPARSE_TEXT): Promise<Array<{ words: Word[] }>> {
  const w = await workerFor(lang);
  await w.setParameters({ tessedit_pageseg_mode: psm } as never);
  try {
    const r = await w.recognize(png, {}, { blocks: true } as never);
    const blocks = ((r.data as unknown as { blocks?: Block[] }).blocks ?? []);
    return blocks.flatMap((b) => b.paragraphs ?? []).flatMap((p) => p.lines ?? [])
      .map((l) => ({ words: (l.words ?? []).map((x) => ({ text: x.text.trim(), confidence: x.confidence, bbox: x.bbox })).filter((x) => x.text) }))
      .filter((l) => l.words.length);
  } finally {
    await w.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_BLOCK } as never);
  }
}

export async function closeLicenceWorkers(): Promise<void> {
  const ws = [...workers.values()];
  workers.clear();
  for (const w of ws) await (await w).terminate();
}
