import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Pages other engineers are writing in this round; a link to one that is not there yet is reported, not failed. */
const PAGES_IN_PROGRESS = new Set(['docs/selfie-liveness.md', 'docs/capture-app.md']);

const OWN_PAGES = ['README.md', 'docs/aml.md', 'docs/authenticity.md', 'docs/callbacks.md', 'docs/capture-basics.md', 'docs/contracts.md', 'docs/document-engine.md', 'docs/docupass-parameters.md', 'docs/face-engine.md', 'docs/troubleshooting.md', 'docs/vault.md'];

function relativeLinks(file: string): Array<{ target: string; anchor?: string }> {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((href) => !/^[a-z]+:/i.test(href) && !href.startsWith('#'))
    .map((href) => {
      const [p, anchor] = href.split('#');
      return { target: path.normalize(path.join(path.dirname(file), p)), anchor };
    });
}

const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\w\s-]/g, '').replace(/\s+/g, '-');

describe('README and docs links', () => {
  it.each(OWN_PAGES)('every relative link in %s resolves (file and #anchor)', (page) => {
    const broken: string[] = [];
    for (const { target, anchor } of relativeLinks(page)) {
      if (!fs.existsSync(target)) {
        if (PAGES_IN_PROGRESS.has(target)) console.warn(`${page}: ${target} not written yet`);
        else broken.push(target);
        continue;
      }
      if (anchor && target.endsWith('.md')) {
        const headings = [...fs.readFileSync(target, 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1]));
        if (!headings.includes(anchor)) broken.push(`${target}#${anchor}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('the README keeps the two commands for a fresh Debian machine with Node 20', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    expect(readme).toContain('On a fresh Debian machine with Node 20');
    expect(readme).toMatch(/^npm ci && npm start/m);
    expect(readme).toMatch(/^npm test/m);
  });

  it('docupass-parameters.md lists every create and sign option', async () => {
    const { createOptionsSchema, signOptionsSchema } = await import('../../src/domain/session/create-options.ts');
    const doc = fs.readFileSync('docs/docupass-parameters.md', 'utf8');
    const missing = [...Object.keys(createOptionsSchema.shape), ...Object.keys(signOptionsSchema.shape)].filter((k) => !doc.includes(`\`${k}\``));
    expect(missing).toEqual([]);
  });
});
