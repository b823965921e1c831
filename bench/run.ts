// `npm run bench`: runs each benchmark in its own process, in sequence (the machine is small and
// noisy, so nothing else should run beside a benchmark). `npm run bench -- NAME` runs one.
import { spawnSync } from 'node:child_process';

const benches: string[] = [
  'bench/aml-bench.ts',
  'bench/create-bench.ts',
  'bench/pipeline-bench.ts',
  'bench/throughput-bench.ts',
  'bench/vault-bench.ts',
  'bench/face-bench.ts',
  'bench/contract-bench.ts',
  'bench/document-bench.ts',
  'bench/document-robustness-bench.ts',
  'bench/document-licence-bench.ts',
  'bench/document-idcard-bench.ts',
  'bench/document-visual-bench.ts',
  'bench/authenticity-bench.ts',
  'bench/selfie-attack-bench.ts',
  'bench/privacy-bench.ts',
];

const only = process.argv.slice(2);
for (const file of benches.filter((b) => only.length === 0 || only.some((o) => b.includes(o)))) {
  process.stdout.write(`\n=== ${file} ===\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (r.status !== 0) process.stdout.write(`!!! ${file} exited with ${r.status}\n`);
}
