import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateCommand } from '../../src/cli/template.ts';
import { apikeyCommand } from '../../src/cli/apikey.ts';
import type { Command } from 'commander';

// In-process: the commands are the real ones, without paying a CLI start-up per step.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idgate-template-cli-'));
const saved = { dir: process.env.IDGATE_DATA_DIR, db: process.env.DATABASE_URL };

async function run(make: () => Command, ...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const w = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  try {
    await make().exitOverride().parseAsync(args, { from: 'user' });
  } finally {
    process.stdout.write = w.out;
    process.stderr.write = w.err;
  }
  return { stdout: out.join(''), stderr: err.join('') };
}

describe('idgate template add|list|show|remove', () => {
  beforeAll(() => {
    process.env.IDGATE_DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
  });
  afterAll(() => {
    if (saved.dir === undefined) delete process.env.IDGATE_DATA_DIR;
    else process.env.IDGATE_DATA_DIR = saved.dir;
    if (saved.db !== undefined) process.env.DATABASE_URL = saved.db;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('manages a template end to end', async () => {
    await run(apikeyCommand, 'create', '--name', 'cli');
    const file = path.join(dataDir, 'nda.html');
    fs.writeFileSync(file, '<h1 onclick="x()">NDA</h1><p>%{fullName} and %{counterparty}</p><script>alert(1)</script>');

    const add = await run(templateCommand, 'add', file, '--name', 'NDA');
    const id = add.stdout.trim().split('\n').pop()!;
    expect(id).toMatch(/^tpl_[A-Za-z0-9]+$/);
    expect(add.stderr).toContain('<script>');
    expect(add.stderr).toContain('%{counterparty}');

    fs.writeFileSync(file, '<h1>NDA v2</h1><p>%{fullName}</p>');
    expect((await run(templateCommand, 'update', id, file)).stdout.trim()).toBe('2');

    const show = await run(templateCommand, 'show', id);
    expect(show.stdout).toContain('version: 2');
    expect(show.stdout).toContain('<h1>NDA v2</h1><p>%{fullName}</p>');
    const v1 = await run(templateCommand, 'show', id, '--version', '1');
    expect(v1.stdout).toContain('unknown placeholders: counterparty');
    expect(v1.stdout).toContain('<h1>NDA</h1><p>%{fullName} and %{counterparty}</p>');
    expect(v1.stdout).not.toContain('script');

    expect((await run(templateCommand, 'list')).stdout).toMatch(new RegExp(`^ID +VERSION +ACCOUNT +NAME\\n(.*\\n)*${id} +2 +\\S+ +NDA$`, 'm'));
    await run(templateCommand, 'remove', id);
    expect((await run(templateCommand, 'list')).stdout).not.toContain(id);
  });
});
