import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const apiServer = 'http://localhost:3000';

export default defineConfig({
  // The web app lives in src/web so the server and the UI can share one package.json.
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // The server's CSP allows no data: scripts or styles, so keep every asset a real file.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': apiServer,
      '/healthz': apiServer,
      '/readyz': apiServer,
    },
  },
  test: {
    // Without this, Vitest would inherit root: 'src/web' and miss the server's tests
    // whenever this file is the only config it finds.
    root: repoRoot,
    environment: 'node',
  },
});
