import fs from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';

/** `idgate face compare A.jpg B.jpg`: document (or any) photo A against selfie B, as JSON. */
export function faceCommand(): Command {
  const cmd = new Command('face').description('face biometrics: compare a document portrait with a selfie');
  cmd
    .command('compare <document> <selfie>')
    .description('print {"confidence","isIdentical",…} and the detection details as JSON; exit code 3 unless the faces match')
    .option('--threshold <t>', 'confidence threshold 0–1 (DocuPass biometric_threshold)', parseThreshold, 0.4)
    .option('--no-signals', 'skip the antispoof/liveness models (faster)')
    .action(async (documentPath: string, selfiePath: string, o: { threshold: number; signals: boolean }) => {
      // Loaded lazily so other commands do not pay for the face models.
      const { compareFaces } = await import('../engines/face/compare-faces.ts');
      const [document, selfie] = await Promise.all([fs.readFile(documentPath), fs.readFile(selfiePath)]);
      const r = await compareFaces({ document, selfie, threshold: o.threshold, signals: o.signals });
      const { selfieEmbedding: _omit, confidence, isIdentical, distance, ...details } = r;
      const out = { confidence, isIdentical, distance: Number.isFinite(distance) ? distance : null, ...details };
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      // Exit code 3 when the check fails (no match, no face, several faces…), so scripts can branch on it.
      if (!isIdentical) process.exitCode = 3;
    });
  return cmd;
}

function parseThreshold(v: string): number {
  const t = Number(v);
  if (!Number.isFinite(t) || t < 0 || t > 1) throw new InvalidArgumentError('expected a number between 0 and 1');
  return t;
}
