import { defineConfig, type Plugin } from 'vite';
import { gzipSync } from 'node:zlib';

/** Prints the initial JavaScript (entry + its static imports) gzipped, the budget the issue sets. */
function initialBundleReport(): Plugin {
  return {
    name: 'idgate-initial-bundle',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const entry = chunks.find((c) => c.type === 'chunk' && c.isEntry);
      if (!entry || entry.type !== 'chunk') return;
      const initial = new Set([entry.fileName, ...entry.imports]);
      let gz = 0;
      const lines: string[] = [];
      for (const c of chunks) {
        if (c.type !== 'chunk') continue;
        const size = gzipSync(c.code).length;
        if (initial.has(c.fileName)) gz += size;
        lines.push(`  ${c.fileName}: ${(c.code.length / 1024).toFixed(1)} kB, ${(size / 1024).toFixed(1)} kB gzipped${initial.has(c.fileName) ? ' (initial)' : ' (lazy)'}`);
      }
      this.info(`\ncapture app bundles:\n${lines.join('\n')}\n  initial JavaScript: ${(gz / 1024).toFixed(1)} kB gzipped (budget 60 kB)`);
    },
  };
}

export default defineConfig({
  root: 'web',
  base: '/app/',
  logLevel: 'info',
  plugins: [initialBundleReport()],
  // Preact components (capture app, portal) compile with the automatic JSX runtime; no Babel preset needed.
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    target: 'es2020',
    rollupOptions: { input: 'web/src/main.tsx' },
  },
});
