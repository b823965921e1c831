import { defineConfig, type Plugin } from 'vite';
import { gzipSync } from 'node:zlib';

/** Prints the portal's initial JavaScript + CSS (entry and its static imports) gzipped; the budget is 150 kB. */
function initialBundleReport(): Plugin {
  return {
    name: 'idgate-portal-initial-bundle',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry);
      if (!entry || entry.type !== 'chunk') return;
      const initial = new Set([entry.fileName, ...entry.imports, ...(entry.viteMetadata?.importedCss ?? [])]);
      let gz = 0;
      const lines: string[] = [];
      for (const c of Object.values(bundle)) {
        const code = c.type === 'chunk' ? c.code : typeof c.source === 'string' ? c.source : Buffer.from(c.source);
        if (!/\.(js|css)$/.test(c.fileName)) continue;
        const size = gzipSync(code).length;
        if (initial.has(c.fileName)) gz += size;
        lines.push(`  ${c.fileName}: ${(code.length / 1024).toFixed(1)} kB, ${(size / 1024).toFixed(1)} kB gzipped${initial.has(c.fileName) ? ' (initial)' : ' (lazy)'}`);
      }
      this.info(`\nportal bundles:\n${lines.join('\n')}\n  initial JavaScript + CSS: ${(gz / 1024).toFixed(1)} kB gzipped (budget 150 kB)`);
    },
  };
}

/** The operator portal (issue 16): a Preact SPA served by the same server at /portal. */
export default defineConfig({
  root: 'web/portal',
  base: '/portal/',
  logLevel: 'info',
  plugins: [initialBundleReport()],
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // Vite's module-preload polyfill is not needed (es2020 browsers) and the CSP allows no inline script.
    modulePreload: { polyfill: false },
  },
});
