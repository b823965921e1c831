import { execFileSync } from 'node:child_process';

/** vitest globalSetup: builds the capture app once, so browser tests and page tests serve it. */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
