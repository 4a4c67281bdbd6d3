import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, signInApi } from '../support/e2e-session.js';
import { buildLikeNpmStart, type ServerProcess, startServerProcess } from '../support/server-process.js';
import { json, openStream, type SseEvent, type SseStream } from '../support/sse-client.js';

// Two built server processes on one fresh PostgreSQL database, as two nodes behind a load balancer:
// a person whose stream is open on one hears, within a second, what a request to the other changed
// (LISTEN/NOTIFY). Each process pumps the event log; the cursor is claimed with SKIP LOCKED, so
// one of them handles each event and the message reaches both exactly once.

const serverUrl = process.env.TEST_DATABASE_URL;
const ci = process.env.CI === 'true' || process.env.CI === '1';
if (!serverUrl && ci) throw new Error('CI=true but TEST_DATABASE_URL is not set: the two-process test needs PostgreSQL');
if (!serverUrl) process.stdout.write('\n[tests] skipping the two-process real-time test: set TEST_DATABASE_URL=postgres://…\n');

const ADMIN = { email: 'nodes@company.example', password: 'two processes share one database 2026' };
const database = `foyer_e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const WITHIN_MS = 1_000;

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

let a: ServerProcess | undefined;
let b: ServerProcess | undefined;
const streams: SseStream[] = [];

beforeAll(async () => {
  if (!serverUrl) return;
  buildLikeNpmStart();
  await onServer(`create database ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const env = {
    DATABASE_URL: url.toString(),
    FOYER_SECRET_KEY: randomBytes(32).toString('hex'),
    FOYER_ADMIN_EMAIL: ADMIN.email,
    FOYER_ADMIN_PASSWORD: ADMIN.password,
  };
  // One after the other: the first applies the migrations and creates the administrator.
  a = await startServerProcess(env);
  b = await startServerProcess(env);
});

afterAll(async () => {
  for (const stream of streams) stream.close();
  for (const server of [a, b]) {
    if (!server) continue;
    await server.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
  }
  if (serverUrl) await onServer(`drop database if exists ${database} with (force)`);
});

async function streamOn(server: ServerProcess, cookie: string): Promise<SseStream> {
  const stream = await openStream(`${server.url}/api/v1/me/stream`, { cookie });
  streams.push(stream);
  expect(stream.status, stream.body).toBe(200);
  await stream.waitFor((e) => e.event === 'ready');
  return stream;
}

const about = (id: string) => (e: SseEvent) => e.event === 'change' && json<{ item: { id: string } }>(e).item.id === id;

describe.skipIf(!serverUrl)('real-time across two processes on PostgreSQL', () => {
  it('tells a person connected to one process, within a second, of a change made through the other', async () => {
    if (!a || !b) throw new Error('servers not started');
    const { url: urlA } = a;
    const { url: urlB } = b;
    const apiA = apiOf(() => urlA);
    const apiB = apiOf(() => urlB);
    // One session, valid on both: sessions live in the shared database.
    const cookie = await signInApi(apiB, ADMIN.email, ADMIN.password);
    const workspace = (await (await apiB('POST', '/api/v1/workspaces', { name: 'Two nodes' }, cookie)).json()) as { id: string };
    const [onA, onB] = await Promise.all([streamOn(a, cookie), streamOn(b, cookie)]);

    const sent = performance.now();
    const task = (await (await apiB('POST', `/api/v1/workspaces/${workspace.id}/tasks`, { title: 'Seen on A' }, cookie)).json()) as {
      id: string;
    };
    const heardOnA = await onA.waitFor(about(task.id), WITHIN_MS);
    process.stdout.write(`[realtime] request to B → change on A: ${(heardOnA.at - sent).toFixed(0)} ms\n`);
    expect(json(heardOnA)).toEqual({ workspaceId: workspace.id, action: 'task.created', item: { type: 'task', id: task.id } });
    await onB.waitFor(about(task.id), WITHIN_MS);

    // And the other way round.
    const back = (await (await apiA('POST', `/api/v1/workspaces/${workspace.id}/tasks`, { title: 'Seen on B' }, cookie)).json()) as {
      id: string;
    };
    await onB.waitFor(about(back.id), WITHIN_MS);
    await onA.waitFor(about(back.id), WITHIN_MS);
    // Each event was handled by one process only: every stream heard each change once.
    for (const stream of [onA, onB]) {
      expect(stream.events.filter(about(task.id))).toHaveLength(1);
      expect(stream.events.filter(about(back.id))).toHaveLength(1);
    }
  });
});
