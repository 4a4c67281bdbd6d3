// npm run bench: API routes against a bare Fastify hello-world, all at 16 connections in the same run
// on the same machine. Targets: GET /api/v1/me >= 0.5, a guest's GET /api/v1/workspaces >= 0.3.
// Shown beside them for comparison: the floor (the hello-world plus the request id, security headers
// and log line every Foyer answer carries, bench/floor-server.mjs) and GET /healthz (no session, no
// query) — no API route can come closer to the baseline than these.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../test/support/server-process.js';
import { apiOf, cookieOf, DURATION, line, median, ROUNDS, removeDataDir, start, stop } from './support.js';

const CONNECTIONS = 16;

interface Result {
  rps: number;
  p99: number;
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
const floorPort = await freePort();
const hello = await start(['bench/hello-server.mjs'], { PORT: String(helloPort) }, /listening/);
const floor = await start(['bench/floor-server.mjs'], { PORT: String(floorPort) }, /listening/);
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
const origin = `http://127.0.0.1:${foyerPort}`;
const api = apiOf(origin);

/** A guest who belongs to 5 of 1,000 workspaces, invited and accepted the way people do it. */
async function seedGuest(adminCookie: string): Promise<string> {
  await api('PATCH', '/api/v1/settings', { extranetEnabled: true }, adminCookie);
  const ids: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const created = await api('POST', '/api/v1/workspaces', { name: `Workspace ${String(i).padStart(4, '0')}` }, adminCookie);
    ids.push(((await created.json()) as { id: string }).id);
  }
  let guestCookie = '';
  for (const id of ids.filter((_, i) => i % 200 === 7)) {
    const invitation = await api(
      'POST',
      `/api/v1/workspaces/${id}/invitations`,
      { email: 'guest@supplier.example', role: 'guest' },
      adminCookie,
    );
    const token = ((await invitation.json()) as { acceptUrl: string }).acceptUrl.split('#token=')[1];
    const body = guestCookie ? {} : { name: 'Bench Guest', password: 'measure the hallway twice 2026' };
    const accepted = await api('POST', `/api/v1/invitations/${token}/accept`, body, guestCookie);
    guestCookie ||= cookieOf(accepted);
  }
  const list = (await (await api('GET', '/api/v1/workspaces', undefined, guestCookie)).json()) as { items: unknown[] };
  if (list.items.length !== 5) throw new Error(`the guest sees ${list.items.length} workspaces, not 5`);
  return guestCookie;
}

interface Target {
  /** The row's label. */
  name: string;
  url: string;
  cookie: string;
  /** Null: shown for comparison, with no target of its own. */
  min: number | null;
}

try {
  const login = await api('POST', '/api/v1/auth/login', { email: 'perf@company.example', password: 'measure twice, cut once, 2026' });
  const cookie = cookieOf(login);
  const guestCookie = await seedGuest(cookie);
  const targets: Target[] = [
    { name: 'floor: hello + id, headers, log line', url: `http://127.0.0.1:${floorPort}/healthz`, cookie: '', min: null },
    // No session, no query: what the server's own stack (logging, headers, hooks) leaves of the baseline.
    { name: 'Foyer GET /healthz (no session, no query)', url: `${origin}/healthz`, cookie: '', min: null },
    { name: 'Foyer GET /api/v1/me (session)', url: `${origin}/api/v1/me`, cookie, min: 0.5 },
    { name: 'Foyer GET /api/v1/workspaces (guest, 5 of 1,000)', url: `${origin}/api/v1/workspaces`, cookie: guestCookie, min: 0.3 },
  ];

  // Alternate baseline and targets a few times and keep the median of each: a 2-core machine is noisy.
  const rounds = ROUNDS;
  const base: Result[] = [];
  const mine: Result[][] = targets.map(() => []);
  for (let i = 0; i < rounds; i++) {
    base.push(await measure(`http://127.0.0.1:${helloPort}/`));
    for (const [j, target] of targets.entries()) mine[j]?.push(await measure(target.url, { cookie: target.cookie }));
  }
  const baseline = median(base, (r) => r.rps);
  const row = (name: string, r: Result) => line(name, `${r.rps.toFixed(0).padStart(8)} req/s   p99 ${String(r.p99).padStart(4)} ms`);
  console.log(
    `\n${CONNECTIONS} connections, ${rounds} alternating rounds of ${DURATION} s, medians; same machine, same run (log level ${process.env.LOG_LEVEL ?? 'info'})`,
  );
  console.log(row('bare Fastify hello-world', baseline));
  let ok = true;
  for (const [j, target] of targets.entries()) {
    const result = median(mine[j] ?? [], (r) => r.rps);
    const ratio = result.rps / baseline.rps;
    const verdict =
      target.min === null ? '(for comparison)' : `(target >= ${target.min.toFixed(2)}) ${ratio >= target.min ? 'OK' : 'BELOW TARGET'}`;
    if (target.min !== null) ok &&= ratio >= target.min;
    console.log(`${row(target.name, result)}   ratio ${ratio.toFixed(2)} ${verdict}`);
  }
  process.exitCode = ok ? 0 : 1;
} finally {
  hello.kill();
  floor.kill();
  await stop(foyer);
  removeDataDir(dataDir);
}
