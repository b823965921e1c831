import { defineConfig } from 'vite';
import { initialBundleReport } from './build/initial-bundle-report.ts';

/** The operator portal (issue 16): a Preact SPA served by the same server at /portal. */
export default defineConfig({
  root: 'web/portal',
  base: '/portal/',
  logLevel: 'info',
  plugins: [initialBundleReport({ label: 'portal', budgetKb: 150, countCss: true })],
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // Vite's module-preload polyfill is not needed (es2020 browsers) and the CSP allows no inline script.
    modulePreload: { polyfill: false },
  },
});
