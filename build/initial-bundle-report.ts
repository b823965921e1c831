import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export interface BundleReportOptions {
  /** Printed before the list, e.g. "capture app". */
  label: string;
  /** The budget for the initial load, gzipped. */
  budgetKb: number;
  /** Count the entry's imported CSS in the initial load (the portal ships CSS; the capture app inlines its styles). */
  countCss: boolean;
}

/**
 * Prints every JavaScript (and, with countCss, CSS) asset gzipped and the total of the initial
 * load — the entry, its static imports and their CSS — against the budget, so a build shows at
 * once when the page grows past what a phone on a slow network should download first.
 */
export function initialBundleReport({ label, budgetKb, countCss }: BundleReportOptions): Plugin {
  return {
    name: `idgate-initial-bundle-${label.replaceAll(' ', '-')}`,
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry);
      if (!entry || entry.type !== 'chunk') return;
      const initial = new Set([entry.fileName, ...entry.imports, ...(countCss ? (entry.viteMetadata?.importedCss ?? []) : [])]);
      const counted = countCss ? /\.(js|css)$/ : /\.js$/;
      let gz = 0;
      const lines: string[] = [];
      for (const c of Object.values(bundle)) {
        if (!counted.test(c.fileName)) continue;
        const code = c.type === 'chunk' ? c.code : typeof c.source === 'string' ? c.source : Buffer.from(c.source);
        const size = gzipSync(code).length;
        if (initial.has(c.fileName)) gz += size;
        lines.push(`  ${c.fileName}: ${(code.length / 1024).toFixed(1)} kB, ${(size / 1024).toFixed(1)} kB gzipped${initial.has(c.fileName) ? ' (initial)' : ' (lazy)'}`);
      }
      const what = countCss ? 'initial JavaScript + CSS' : 'initial JavaScript';
      this.info(`\n${label} bundles:\n${lines.join('\n')}\n  ${what}: ${(gz / 1024).toFixed(1)} kB gzipped (budget ${budgetKb} kB)`);
    },
  };
}
