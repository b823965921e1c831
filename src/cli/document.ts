import fs from 'node:fs/promises';
import { Command } from 'commander';
import { readDocument } from '../engines/document/read-document.ts';
import { closeMrzWorker } from '../engines/document/mrz-ocr.ts';
import { closeLicenceWorkers } from '../engines/document/licence-ocr.ts';
import { EXIT, printRecord } from './cli-output.ts';

/** `idgate document read FRONT [BACK]`: what the callback's `data` would carry, and how it was read. */
export function documentCommand(): Command {
  const cmd = new Command('document').description('document reading tools');
  cmd
    .command('read <front> [back]')
    .description('read a document image (and its back) and print the DocuPass data and how it was read; exit code 3 when the document cannot be read')
    .option('--json', 'print {data, reading} as JSON')
    .action(async (front: string, back: string | undefined, o: { json?: boolean }) => {
      try {
        const r = await readDocument({ front: await fs.readFile(front), back: back ? await fs.readFile(back) : undefined, now: new Date() });
        const details = { documentKind: r.documentKind, fieldSources: r.fieldSources, mrz: r.mrz, barcode: r.barcode && { aamvaVersion: r.barcode.aamvaVersion, truncated: r.barcode.truncated, fields: r.barcode.fields }, sides: r.sides, failure: r.failure };
        if (o.json) printRecord(o, { data: r.data, reading: details });
        else {
          // A person reads the extracted fields first, then where each came from.
          printRecord(o, { result: r.failure ? `NOT READ: ${r.failure.reason}` : 'read', kind: r.documentKind ?? null, ...(r.data as Record<string, unknown>) });
          if (r.fieldSources && Object.keys(r.fieldSources).length) {
            process.stdout.write('\nsources:\n');
            printRecord(o, r.fieldSources as Record<string, unknown>);
          }
        }
        if (r.failure) process.exitCode = EXIT.checkFailed;
      } finally {
        // Both OCR worker pools: an unreadable image also tries the licence reader, whose workers would keep the process alive.
        await Promise.all([closeMrzWorker(), closeLicenceWorkers()]);
      }
    });
  return cmd;
}
