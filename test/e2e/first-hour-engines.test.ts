import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/**
 * `npm ci` prints EBADENGINE when a locked package's `engines.node` excludes the running Node.
 * The lockfile records every package's engines, so this checks what npm checks, without a
 * network or an install: every locked package must accept the oldest Node the project supports
 * (package.json `engines.node`, 20.19) — the README promises Node 20 without warnings.
 */
// semver is npm's own range logic (installed with the tree; no types shipped, hence the shape here).
const semver = createRequire(import.meta.url)('semver') as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string, opts?: { includePrerelease?: boolean }): boolean;
  major(version: string): number;
};

describe('dependencies fit Node 20', () => {
  it('no locked package excludes the oldest supported Node', () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { engines: { node: string } };
    const oldest = semver.minVersion(pkg.engines.node)!.version;
    expect(semver.major(oldest)).toBe(20);
    const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { engines?: unknown; version?: string }> };
    const misfits = Object.entries(lock.packages)
      .map(([where, p]) => ({ where, version: p.version, node: (p.engines as { node?: string } | undefined)?.node }))
      .filter((p) => typeof p.node === 'string' && !semver.satisfies(oldest, p.node!, { includePrerelease: true }));
    expect(misfits).toEqual([]);
    expect(Object.keys(lock.packages).length).toBeGreaterThan(100);
  });
});
