import fs from 'node:fs/promises';
import { Command } from 'commander';
import { readDocument } from '../engines/document/read-document.ts';
import { closeMrzWorker } from '../engines/document/mrz-ocr.ts';

/** `idgate document read FRONT [BACK]`: what the callback's `data` would carry, and how it was read. */
export function documentCommand(): Command {
  const cmd = new Command('document').description('document reading tools');
  cmd
    .command('read <front> [back]')
    .description('read a document image (and its back) and print the DocuPass data with reading details')
    .action(async (front: string, back?: string) => {
      try {
        const r = await readDocument({ front: await fs.readFile(front), back: back ? await fs.readFile(back) : undefined, now: new Date() });
        const details = { documentKind: r.documentKind, fieldSources: r.fieldSources, mrz: r.mrz, barcode: r.barcode && { aamvaVersion: r.barcode.aamvaVersion, truncated: r.barcode.truncated, fields: r.barcode.fields }, sides: r.sides, failure: r.failure };
        process.stdout.write(`${JSON.stringify({ data: r.data, reading: details }, null, 2)}\n`);
        if (r.failure) process.exitCode = 3;
      } finally {
        await closeMrzWorker();
      }
    });
  return cmd;
}
