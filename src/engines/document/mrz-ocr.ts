import { createRequire } from 'node:module';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';

const require = createRequire(import.meta.url);

let worker: Promise<Worker> | undefined;

/**
 * One tesseract worker per thread, created on first use and kept. The legacy engine with an
 * MRZ whitelist reads the `<` fillers that the LSTM engine turns into letters (DESIGN.md).
 */
export function mrzWorker(): Promise<Worker> {
  worker ??= (async () => {
    const eng = require('@tesseract.js-data/eng') as { langPath: string };
    const w = await createWorker('eng', OEM.TESSERACT_ONLY, { langPath: eng.langPath, cacheMethod: 'none', gzip: true } as never);
    await w.setParameters({
      tessedit_char_whitelist: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<',
      tessedit_pageseg_mode: PSM.SINGLE_BLOCK,
      user_defined_dpi: '300',
    } as never);
    return w;
  })();
  return worker;
}

export async function ocrMrzText(png: Buffer, psm: PSM = PSM.SINGLE_BLOCK): Promise<string> {
  const w = await mrzWorker();
  if (psm !== PSM.SINGLE_BLOCK) await w.setParameters({ tessedit_pageseg_mode: psm } as never);
  try {
    const r = await w.recognize(png);
    return r.data.text;
  } finally {
    if (psm !== PSM.SINGLE_BLOCK) await w.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_BLOCK } as never);
  }
}

let lstm: Promise<Worker> | undefined;

/** A second worker on the LSTM engine, used only to re-read letters (see mrz-merge.ts). */
function lstmWorker(): Promise<Worker> {
  lstm ??= (async () => {
    const eng = require('@tesseract.js-data/eng') as { langPath: string };
    const w = await createWorker('eng', OEM.LSTM_ONLY, { langPath: eng.langPath, cacheMethod: 'none', gzip: true } as never);
    await w.setParameters({ tessedit_char_whitelist: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<', tessedit_pageseg_mode: PSM.SINGLE_BLOCK, user_defined_dpi: '300' } as never);
    return w;
  })();
  return lstm;
}

export async function ocrLstmText(png: Buffer): Promise<string> {
  return (await (await lstmWorker()).recognize(png)).data.text;
}

export async function closeMrzWorker(): Promise<void> {
  const ws = [worker, lstm];
  worker = undefined;
  lstm = undefined;
  for (const w of ws) if (w) await (await w).terminate();
}
