import { defineConfig } from 'vite';
import { initialBundleReport } from './build/initial-bundle-report.ts';

export default defineConfig({
  root: 'web',
  base: '/app/',
  logLevel: 'info',
  plugins: [initialBundleReport({ label: 'capture app', budgetKb: 60, countCss: false })],
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
