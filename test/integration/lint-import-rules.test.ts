import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIOME = path.resolve('node_modules/.bin/biome');

/**
 * The arrows of DESIGN.md are enforced by biome.json's per-folder import rules. Each case writes
 * one scratch file into a throw-away copy of the layout (never into the working tree) and lints
 * it with the project's own biome.json: a wrong import must fail, the allowed one must pass.
 */
describe('lint: the per-folder import rules refuse wrong arrows', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-lint-'));
    const config = JSON.parse(fs.readFileSync('biome.json', 'utf8'));
    delete config.$schema;
    fs.writeFileSync(path.join(dir, 'biome.json'), JSON.stringify(config));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cases: Array<{ file: string; wrong: string; right: string }> = [
    { file: 'src/domain/session/scratch.ts', wrong: "import { x } from '../../services/session/create-session.ts';", right: "import { x } from '../errors.ts';" },
    { file: 'src/domain/privacy/scratch-fs.ts', wrong: "import fs from 'node:fs';", right: "import { x } from './scrub-options.ts';" },
    { file: 'src/engines/face/scratch.ts', wrong: "import { x } from '../../database/connect.ts';", right: "import { x } from '../../domain/errors.ts';" },
    { file: 'src/services/session/scratch.ts', wrong: "import { DiskFileStore } from '../../adapters/file-store-disk.ts';", right: "import type { FileStore } from '../../ports/file-store.ts';" },
    { file: 'web/src/scratch.ts', wrong: "import { x } from '../../src/services/session/create-session.ts';", right: "import { x } from '../../src/contract/capture-api.ts';" },
  ];

  /** Lints every case's file at once (one biome start), each holding the wrong or the allowed import; returns biome's report. */
  async function lintAll(which: 'wrong' | 'right'): Promise<{ ok: boolean; out: string }> {
    for (const c of cases) {
      const at = path.join(dir, c.file);
      fs.mkdirSync(path.dirname(at), { recursive: true });
      fs.writeFileSync(at, `${c[which]}\nexport const used = 1;\n`);
    }
    try {
      const { stdout, stderr } = await run(BIOME, ['lint', '--max-diagnostics=none', ...cases.map((c) => c.file)], { cwd: dir });
      return { ok: true, out: stdout + stderr };
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      return { ok: false, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
    }
  }

  it('every wrong arrow fails with noRestrictedImports at its own file', async () => {
    const { ok, out } = await lintAll('wrong');
    expect(ok, out).toBe(false);
    for (const c of cases) expect(out, `${c.file}: ${c.wrong}`).toMatch(new RegExp(`${c.file.replaceAll('/', '[\\\\/]').replaceAll('.', '\\.')}:\\d+:\\d+ lint/style/noRestrictedImports`));
  });

  it('the allowed imports pass', async () => {
    const { ok, out } = await lintAll('right');
    expect(ok, out).toBe(true);
  });
});
