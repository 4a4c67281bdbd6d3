#!/usr/bin/env node
// The `foyer` command: runs the compiled command line (npm run build creates it).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/server/cli/foyer.js');
if (!existsSync(cli)) {
  console.error('Foyer is not built yet: run `npm run build` (or `npm start`, which builds) first.');
  process.exit(1);
}
await import(cli);
