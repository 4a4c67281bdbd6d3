// npm run bench, realtime: the time from an upload request to its `change` event on the stream, with
// 1,000 streams open on the built server (SQLite): 100 people with 10 streams each (the most one person
// may hold); 60 of them in the workspace (40 employees, 20 guests), 40 employees outside it. A member
// uploads 50 small files one after the other into a folder guests may view. Reported: the upload's own
// answer time (the baseline: what the uploader waits for anyway), the time to the event on one guest's
// stream, and the time until the last of the 600 streams in the workspace has it. Target: p99 < 1 s.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../test/support/server-process.js';
import { json, openStream, type SseEvent, type SseStream } from '../test/support/sse-client.js';
import { apiOf, cookieOf, line, mib, peakMemory, removeDataDir, resetPeakMemory, start, stop } from './support.js';

const STREAMS_PER_PERSON = 10;
const EMPLOYEES_IN = 40;
const GUESTS_IN = 20;
const EMPLOYEES_OUT = 40;
const UPLOADS = 50;
const WARM_UP = 3;
const TARGET_MS = 1_000;
const ADMIN = { email: 'stream-bench@company.example', password: 'measure the wire twice 2026' };
const PASSWORD = 'a long passphrase for the bench 2026';

const dataDir = mkdtempSync(path.join(tmpdir(), 'foyer-bench-realtime-'));
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const foyer = await start(
  ['dist/server/main.js'],
  {
    PORT: String(port),
    FOYER_DATA_DIR: dataDir,
    FOYER_PUBLIC_URL: origin,
    FOYER_ADMIN_EMAIL: ADMIN.email,
    FOYER_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  },
  /Foyer is running|Server listening/,
);
const streams: SseStream[] = [];

const api = apiOf(origin);
const json200 = async <T>(response: Promise<Response>) => (await (await response).json()) as T;
const signIn = async (email: string, password: string) => cookieOf(await api('POST', '/api/v1/auth/login', { email, password }));
const tokenOf = (invitation: { acceptUrl: string }) => invitation.acceptUrl.split('#token=')[1];

/** `count` things made `at once` at a time (each sign-in hashes a password: the machine has 2 cores). */
async function batched<T>(count: number, atOnce: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += atOnce)
    out.push(...(await Promise.all(Array.from({ length: Math.min(atOnce, count - i) }, (_, j) => make(i + j)))));
  return out;
}

async function employee(i: number, admin: string): Promise<string> {
  const email = `streamer-${i}@company.example`;
  await api('POST', '/api/v1/users', { email, name: `Streamer ${i}`, password: PASSWORD }, admin);
  return signIn(email, PASSWORD);
}

async function connect(cookie: string): Promise<SseStream> {
  const stream = await openStream(`${origin}/api/v1/me/stream`, { cookie });
  if (stream.status !== 200) throw new Error(`stream: ${stream.status} ${stream.body}`);
  await stream.waitFor((e) => e.event === 'ready', 30_000);
  streams.push(stream);
  return stream;
}

async function upload(folderId: string, name: string, cookie: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([`Content of ${name}\n`]), name);
  const response = await fetch(`${origin}/api/v1/folders/${folderId}/documents`, {
    method: 'POST',
    headers: { cookie, origin },
    body: form,
  });
  if (response.status !== 201) throw new Error(`upload ${name}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

const about = (id: string) => (e: SseEvent) => e.event === 'change' && json<{ item: { id: string } }>(e).item.id === id;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((sorted.length * p) / 100) - 1))] ?? 0;
};
const figures = (values: number[]) =>
  `p50 ${percentile(values, 50).toFixed(1).padStart(7)} ms   p99 ${percentile(values, 99).toFixed(1).padStart(7)} ms`;

try {
  const admin = await signIn(ADMIN.email, ADMIN.password);
  await api('PATCH', '/api/v1/settings', { extranetEnabled: true }, admin);
  const workspace = await json200<{ id: string }>(api('POST', '/api/v1/workspaces', { name: 'Bench streams' }, admin));
  const folder = await json200<{ id: string }>(
    api('POST', `/api/v1/workspaces/${workspace.id}/folders`, { name: 'Drops', visibility: 'shared', guestAccess: 'view' }, admin),
  );
  const invite = (email: string, role: 'member' | 'guest') =>
    json200<{ acceptUrl: string }>(api('POST', `/api/v1/workspaces/${workspace.id}/invitations`, { email, role }, admin));

  const inside = await batched(EMPLOYEES_IN, 4, async (i) => {
    const cookie = await employee(i, admin);
    await api('POST', `/api/v1/invitations/${tokenOf(await invite(`streamer-${i}@company.example`, 'member'))}/accept`, {}, cookie);
    return cookie;
  });
  const guests = await batched(GUESTS_IN, 4, async (i) => {
    const invitation = await invite(`guest-${i}@supplier.example`, 'guest');
    return cookieOf(await api('POST', `/api/v1/invitations/${tokenOf(invitation)}/accept`, { name: `Guest ${i}`, password: PASSWORD }));
  });
  const outside = await batched(EMPLOYEES_OUT, 4, (i) => employee(EMPLOYEES_IN + i, admin));
  resetPeakMemory(foyer.pid as number);
  const rssBefore = peakMemory(foyer.pid as number);

  const open = (cookies: string[]) =>
    batched(cookies.length * STREAMS_PER_PERSON, 50, (i) => connect(cookies[i % cookies.length] as string));
  const [insideStreams, guestStreams, outsideStreams] = [await open(inside), await open(guests), await open(outside)];
  const watched = guestStreams[0] as SseStream;
  const inWorkspace = [...insideStreams, ...guestStreams];
  if (streams.length !== 1000) throw new Error(`${streams.length} streams open, not 1000`);
  if (streams.some((s) => s.isEnded())) throw new Error('a stream ended early (more than ten for one person?)');
  const uploader = inside[0] as string;

  const answered: number[] = [];
  const toWatched: number[] = [];
  const toAll: number[] = [];
  for (let i = 0; i < WARM_UP + UPLOADS; i++) {
    const sent = performance.now();
    const id = await upload(folder.id, `drop-${String(i).padStart(3, '0')}.txt`, uploader);
    const replied = performance.now();
    const event = await watched.waitFor(about(id), 10_000);
    await Promise.all(inWorkspace.map((s) => s.waitFor(about(id), 10_000)));
    const last = Math.max(...inWorkspace.map((s) => (s.events.find(about(id)) as SseEvent).at));
    if (i < WARM_UP) continue;
    answered.push(replied - sent);
    toWatched.push(event.at - sent);
    toAll.push(last - sent);
  }
  const leaked = outsideStreams.reduce((n, s) => n + s.events.filter((e) => e.event === 'change').length, 0);
  if (leaked > 0) throw new Error(`${leaked} change events reached people outside the workspace`);
  const rssWith = peakMemory(foyer.pid as number);

  const p99 = percentile(toAll, 99);
  console.log(
    `\nReal-time: ${streams.length} open streams (${inWorkspace.length} in the workspace, ${outsideStreams.length} outside), ${UPLOADS} sequential uploads after ${WARM_UP} to warm up; same machine, same run (log level ${process.env.LOG_LEVEL ?? 'info'})`,
  );
  console.log(line('upload answered (baseline: the uploader waits anyway)', figures(answered)));
  console.log(line('upload sent → `change` on one guest’s stream', figures(toWatched)));
  console.log(
    line(
      `upload sent → \`change\` on all ${inWorkspace.length} in the workspace`,
      `${figures(toAll)}   (target p99 < ${TARGET_MS} ms) ${p99 < TARGET_MS ? 'OK' : 'ABOVE TARGET'}`,
    ),
  );
  console.log(line(`\`change\` events on the ${outsideStreams.length} streams outside`, String(leaked).padStart(10)));
  console.log(line('Foyer memory: before the streams / peak with them', `${mib(rssBefore).padStart(13)} / ${mib(rssWith)}`));
  if (p99 >= TARGET_MS) process.exitCode = 1;
} finally {
  for (const stream of streams) stream.close();
  await stop(foyer);
  removeDataDir(dataDir);
}
