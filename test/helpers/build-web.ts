import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * vitest globalSetup: builds the capture app once, so browser tests and page tests serve it.
 * IDGATE_SKIP_WEB_BUILD=1 reuses an existing build (developers running a few server-side tests
 * while someone else is mid-change in web/); CI never sets it.
 */
export default function setup(): void {
  if (process.env.IDGATE_SKIP_WEB_BUILD === '1' && !process.env.CI && fs.existsSync('web/dist/.vite/manifest.json') && fs.existsSync('web/portal/dist/index.html')) return;
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  // The operator portal (issue 16) is a second Vite app with its own config.
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '-c', 'vite.portal.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
}
