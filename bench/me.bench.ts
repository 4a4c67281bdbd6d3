// npm run bench: GET /api/v1/me with a session cookie against a bare Fastify hello-world, both at
// 16 connections in the same run on the same machine. Target: ratio >= 0.5.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../test/support/server-process.js';

const root = path.resolve(import.meta.dirname, '..');
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 16;

function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd: root, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (!ready.test(out)) return;
      // From here on the server's log is drained and dropped, so reading it costs the bench nothing.
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      resolve(child);
    };
    child.stdout?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`process exited with ${code}: ${out}`)));
  });
}

interface Result {
  rps: number;
  p99: number;
}

function median(results: Result[]): Result {
  const sorted = [...results].sort((a, b) => a.rps - b.rps);
  return sorted[Math.floor(sorted.length / 2)] as Result;
}

async function measure(url: string, headers: Record<string, string> = {}): Promise<Result> {
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers }); // warm-up
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'foyer-bench-'));
const helloPort = await freePort();
const foyerPort = await freePort();
const hello = await start(['bench/hello-server.mjs'], { PORT: String(helloPort) }, /listening/);
const foyer = await start(
  ['dist/server/main.js'],
  {
    PORT: String(foyerPort),
    FOYER_DATA_DIR: dataDir,
    FOYER_PUBLIC_URL: `http://127.0.0.1:${foyerPort}`,
    FOYER_ADMIN_EMAIL: 'perf@company.example',
    FOYER_ADMIN_PASSWORD: 'measure twice, cut once, 2026',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  },
  /Foyer is running|Server listening/,
);
try {
  const login = await fetch(`http://127.0.0.1:${foyerPort}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${foyerPort}` },
    body: JSON.stringify({ email: 'perf@company.example', password: 'measure twice, cut once, 2026' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (login.status !== 200 || !cookie) throw new Error(`sign-in failed: ${login.status}`);

  // Alternate the two a few times and keep the median of each: a 2-core machine is noisy.
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const base: Result[] = [];
  const mine: Result[] = [];
  for (let i = 0; i < rounds; i++) {
    base.push(await measure(`http://127.0.0.1:${helloPort}/`));
    mine.push(await measure(`http://127.0.0.1:${foyerPort}/api/v1/me`, { cookie }));
  }
  const baseline = median(base);
  const me = median(mine);
  const ratio = me.rps / baseline.rps;
  const row = (name: string, r: Result) => `${name.padEnd(34)} ${r.rps.toFixed(0).padStart(8)} req/s   p99 ${String(r.p99).padStart(4)} ms`;
  console.log(
    `\n${CONNECTIONS} connections, ${rounds} alternating rounds of ${DURATION} s, medians; same machine, same run (log level ${process.env.LOG_LEVEL ?? 'info'})`,
  );
  console.log(row('bare Fastify hello-world', baseline));
  console.log(row('Foyer GET /api/v1/me (session)', me));
  console.log(`ratio ${ratio.toFixed(2)} (target >= 0.50) ${ratio >= 0.5 ? 'OK' : 'BELOW TARGET'}`);
  process.exitCode = ratio >= 0.5 ? 0 : 1;
} finally {
  hello.kill();
  foyer.kill('SIGTERM');
  await new Promise((r) => foyer.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
