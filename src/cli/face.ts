import fs from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { EXIT, flattenRecord, printRecord } from './cli-output.ts';

/** `idgate face compare A.jpg B.jpg`: document (or any) photo A against selfie B, as `label: value` lines or JSON. */
export function faceCommand(): Command {
  const cmd = new Command('face').description('face biometrics: compare a document portrait with a selfie');
  cmd
    .command('compare <document> <selfie>')
    .description('print the confidence, the match and the detection details; exit code 3 unless the faces match (no face, several faces, different person)')
    .option('--json', 'print {"confidence","isIdentical",…} as JSON')
    .option('--threshold <t>', 'confidence threshold 0–1 (DocuPass biometric_threshold)', parseThreshold, 0.4)
    .option('--no-signals', 'skip the antispoof/liveness models (faster)')
    .action(async (documentPath: string, selfiePath: string, o: { threshold: number; signals: boolean; json?: boolean }) => {
      // Loaded lazily so other commands do not pay for the face models.
      const { compareFaces } = await import('../engines/face/compare-faces.ts');
      const [document, selfie] = await Promise.all([fs.readFile(documentPath), fs.readFile(selfiePath)]);
      const r = await compareFaces({ document, selfie, threshold: o.threshold, signals: o.signals });
      const { selfieEmbedding: _omit, confidence, isIdentical, distance, ...details } = r;
      const out = { confidence, isIdentical, distance: Number.isFinite(distance) ? distance : null, ...details };
      printRecord(o, o.json ? out : flattenRecord(out, ['measurements']));
      // Exit code 3 when the check fails (no match, no face, several faces…), so scripts can branch on it.
      if (!isIdentical) process.exitCode = EXIT.checkFailed;
    });
  return cmd;
}

function parseThreshold(v: string): number {
  const t = Number(v);
  if (!Number.isFinite(t) || t < 0 || t > 1) throw new InvalidArgumentError('expected a number between 0 and 1');
  return t;
}
