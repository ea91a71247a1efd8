import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * Three builds: Electron main (with the engine's utility process as a second entry),
 * the preload (CommonJS, as sandboxed preloads must be), and the renderer, which
 * `sprig serve` also serves to a browser.
 */
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          'engine-process': resolve('src/main/engine-process.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot `require` anything but 'electron', so the contract (and zod) is bundled in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: resolve('src/renderer/index.html') },
    },
  },
});
