import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiServer = 'http://localhost:3000';

// Tests are configured in vitest.config.ts, which Vitest reads instead of this file.
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
  // For `npx vite` (port 5173) start the server with FOYER_PUBLIC_URL=http://localhost:5173:
  // it refuses unsafe requests whose Origin is not its public URL, and its links should open here.
  server: {
    proxy: {
      '/api': apiServer,
      '/healthz': apiServer,
      '/readyz': apiServer,
    },
  },
});
