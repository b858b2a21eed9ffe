import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  build: { outDir: 'dist', target: 'es2020', assetsInlineLimit: 0 },
});
