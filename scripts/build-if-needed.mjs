#!/usr/bin/env node
// Builds the server (tsc) and the web UI (vite) when the sources are newer than the last build,
// so `npm start` works straight after `npm install` and stays fast afterwards.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const inputs = ['src', 'package-lock.json', 'tsconfig.json', 'vite.config.ts'];

function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs;
  for (const entry of readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

const force = process.argv.includes('--force');
const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (!force && built >= Math.max(...inputs.map((i) => newest(path.join(root, i))))) process.exit(0);

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
if (!existsSync(bin('tsc')) || !existsSync(bin('vite'))) {
  console.error('Foyer needs its build tools: run `npm install` first.');
  process.exit(1);
}
console.log('Building Foyer (server and web UI)…');
try {
  execFileSync(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  // Always the production bundle, even when a test run (NODE_ENV=test) triggers the build.
  execFileSync(bin('vite'), ['build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
} catch {
  console.error('The build failed; see the messages above.');
  process.exit(1);
}
writeFileSync(stamp, new Date().toISOString());
