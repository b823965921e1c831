import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn('deploy/check-docker-steps.sh switches to an unprivileged user and needs root: the Dockerfile steps test is skipped');

/**
 * The Dockerfile's install, build and start steps, replayed without a container engine (no
 * registry is reachable from CI machines): the committed tree in a clean directory, the web
 * builds, `npm prune --omit=dev`, then `idgate serve` as an unprivileged user with only the data
 * dir writable, the image's HEALTHCHECK command, /ready, and SIGTERM draining to exit 0.
 */
describe.skipIf(!isRoot)('Dockerfile steps in a clean directory as a non-root user', () => {
  it('builds, starts as nobody, answers /health, the HEALTHCHECK and /ready, and drains on SIGTERM', async () => {
    const { stdout } = await run('bash', ['deploy/check-docker-steps.sh'], { env: { ...process.env, IDGATE_CHECK_PORT: '18481' }, maxBuffer: 16 * 1024 * 1024, timeout: 600_000 });
    expect(stdout).toContain('healthcheck ok');
    expect(stdout).toMatch(/== process user: (nobody|65534)/);
    expect(stdout).toContain('exit code 0');
    expect(stdout.trim().endsWith('docker steps: OK')).toBe(true);
  });
});
