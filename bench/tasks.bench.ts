// npm run bench, tasks: a guest's "My tasks" (GET /api/v1/me/tasks) against a bare Fastify hello-world,
// both at 16 connections in the same run on the same machine. The guest belongs to 5 of 1,000
// workspaces holding 100,000 tasks in all (about 100 assigned to the guest in each of theirs, some
// more in workspaces they left). Target: ratio >= 0.3.
//
// Beside it, for comparison, the floor: the same first page's bytes answered from memory, with the
// request id, security headers and log line every answer carries (bench/floor-server.mjs).
//
// The guest, their 5 workspaces and one task are made through the API; the server is then stopped,
// the other 995 workspaces and the 100,000 tasks (copies of the API-made rows, so every column the
// app writes is there) go into the SQLite file in one transaction, and the server starts again.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { newId } from '../src/server/lib/ids.js';
import { freePort } from '../test/support/server-process.js';
import { apiOf, cookieOf, DURATION, line, median, ROUNDS, removeDataDir, start, stop } from './support.js';

const CONNECTIONS = 16;
const TARGET = 0.3;
const WORKSPACES = 1000;
const TASKS = 100_000;
const EMPLOYEES = 20;
/** Tasks in each of the guest's 5 workspaces; every 4th is assigned to the guest (100 each). */
const GUEST_WORKSPACE_TASKS = 400;
const ADMIN = { email: 'perf@company.example', password: 'measure twice, cut once, 2026' };
const GUEST = { email: 'guest@supplier.example', name: 'Bench Guest', password: 'measure the hallway twice 2026' };

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

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so every run seeds the same data. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = Record<string, unknown>;

/** An INSERT for `table` with the template row's columns; each call overrides some of them. */
function inserter(db: Database.Database, table: string, template: Row): (row: Row) => void {
  const columns = Object.keys(template);
  const statement = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  return (row) => {
    for (const key of Object.keys(row)) if (!(key in template)) throw new Error(`${table} has no column ${key}`);
    statement.run({ ...template, ...row });
  };
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'foyer-bench-'));
const helloPort = await freePort();
const foyerPort = await freePort();
const origin = `http://127.0.0.1:${foyerPort}`;
const startFoyer = () =>
  start(
    ['dist/server/main.js'],
    {
      PORT: String(foyerPort),
      FOYER_DATA_DIR: dataDir,
      FOYER_PUBLIC_URL: origin,
      FOYER_ADMIN_EMAIL: ADMIN.email,
      FOYER_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    },
    /Foyer is running|Server listening/,
  );
const hello = await start(['bench/hello-server.mjs'], { PORT: String(helloPort) }, /listening/);
let foyer = await startFoyer();

const api = apiOf(origin);
const json = async <T>(response: Promise<Response>) => (await (await response).json()) as T;

interface Seeded {
  guestCookie: string;
  /** The tasks "My tasks" must answer: assigned to the guest, open or in progress, shared, in their workspaces. */
  expected: Set<string>;
}

/** Through the API: the guest, invited to 5 workspaces and accepted; one task in one of them (the row template). */
async function seedThroughApi(): Promise<{
  guestCookie: string;
  guestId: string;
  adminId: string;
  workspaceIds: string[];
  taskId: string;
}> {
  const login = await api('POST', '/api/v1/auth/login', { email: ADMIN.email, password: ADMIN.password });
  const adminCookie = cookieOf(login);
  const adminId = ((await login.json()) as { user: { id: string } }).user.id;
  await api('PATCH', '/api/v1/settings', { extranetEnabled: true }, adminCookie);
  const workspaceIds: string[] = [];
  let guestCookie = '';
  for (let i = 0; i < 5; i++) {
    const name = `Workspace ${String(i * 200 + 7).padStart(4, '0')}`;
    const { id } = await json<{ id: string }>(api('POST', '/api/v1/workspaces', { name }, adminCookie));
    workspaceIds.push(id);
    const invitation = await json<{ acceptUrl: string }>(
      api('POST', `/api/v1/workspaces/${id}/invitations`, { email: GUEST.email, role: 'guest' }, adminCookie),
    );
    const token = invitation.acceptUrl.split('#token=')[1];
    const body = guestCookie ? {} : { name: GUEST.name, password: GUEST.password };
    const accepted = await api('POST', `/api/v1/invitations/${token}/accept`, body, guestCookie);
    guestCookie ||= cookieOf(accepted);
  }
  const guestId = (await json<{ id: string }>(api('GET', '/api/v1/me', undefined, guestCookie))).id;
  const task = await json<{ id: string }>(
    api(
      'POST',
      `/api/v1/workspaces/${workspaceIds[0]}/tasks`,
      {
        title: 'Template task',
        description: 'Copied 100,000 times.',
        dueOn: null,
        visibility: 'shared',
        assigneeIds: [guestId, adminId],
        checklist: [{ text: 'Template item' }],
      },
      adminCookie,
    ),
  );
  return { guestCookie, guestId, adminId, workspaceIds, taskId: task.id };
}

/** Straight into the database file, one transaction: 995 more workspaces, 20 employees, 100,000 tasks. */
function seedThroughSql(seed: Awaited<ReturnType<typeof seedThroughApi>>): Set<string> {
  const db = new Database(path.join(dataDir, 'foyer.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  const rand = random(2026);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(rand() * values.length)] as T;
  const expected = new Set<string>();
  const now = Date.now();
  const day = 24 * 3600 * 1000;
  const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const guestWorkspaces = new Set(seed.workspaceIds);

  db.transaction(() => {
    const one = (sql: string, ...params: unknown[]) => {
      const row = db.prepare(sql).get(...params) as Row | undefined;
      if (!row) throw new Error(`no row for ${sql}`);
      return row;
    };
    const workspaceTemplate = one('SELECT * FROM workspaces WHERE id = ?', seed.workspaceIds[0]);
    const userTemplate = one('SELECT * FROM users WHERE id = ?', seed.adminId);
    const taskTemplate = one('SELECT * FROM tasks WHERE id = ?', seed.taskId);
    const assigneeTemplate = one('SELECT * FROM task_assignees WHERE task_id = ?', seed.taskId);
    const itemTemplate = one('SELECT * FROM task_checklist_items WHERE task_id = ?', seed.taskId);
    // The API-made task was only a template: all 100,000 below come from here.
    db.prepare('DELETE FROM task_checklist_items WHERE task_id = ?').run(seed.taskId);
    db.prepare('DELETE FROM task_assignees WHERE task_id = ?').run(seed.taskId);
    db.prepare('DELETE FROM tasks WHERE id = ?').run(seed.taskId);

    const addWorkspace = inserter(db, 'workspaces', workspaceTemplate);
    const others: string[] = [];
    for (let i = 0; i < WORKSPACES; i++) {
      if (i % 200 === 7) continue; // the guest's, made through the API
      const id = newId(now - (WORKSPACES - i) * 60_000);
      addWorkspace({ id, name: `Workspace ${String(i).padStart(4, '0')}` });
      others.push(id);
    }

    const addUser = inserter(db, 'users', userTemplate);
    const employees = [seed.adminId];
    for (let i = 1; i < EMPLOYEES; i++) {
      const id = newId();
      addUser({
        id,
        email: `employee${i}@company.example`,
        name: `Employee ${i}`,
        role: 'user',
        password_hash: null,
        last_sign_in_at: null,
      });
      employees.push(id);
    }

    const addTask = inserter(db, 'tasks', taskTemplate);
    const addAssignee = inserter(db, 'task_assignees', assigneeTemplate);
    const addItem = inserter(db, 'task_checklist_items', itemTemplate);
    const paragraph =
      'Please check the figures against the signed order and upload the corrected sheet to the shared folder before the review. ';
    for (let i = 0; i < TASKS; i++) {
      const inGuestWorkspace = i < 5 * GUEST_WORKSPACE_TASKS;
      const workspaceId = (inGuestWorkspace ? seed.workspaceIds[i % 5] : others[(i - 5 * GUEST_WORKSPACE_TASKS) % others.length]) as string;
      // ~100 in each of the guest's workspaces, and ~50 in workspaces they are no longer in.
      const guestAssigned = inGuestWorkspace ? Math.floor(i / 5) % 4 === 0 : i % 1999 === 0;
      const r = rand();
      const status = r < 0.4 ? 'open' : r < 0.55 ? 'in_progress' : r < 0.9 ? 'done' : 'cancelled';
      const visibility = rand() < 0.7 ? 'shared' : 'internal';
      const created = now - Math.floor(rand() * 365) * day - Math.floor(rand() * day);
      const createdAt = new Date(created).toISOString();
      const author = pick(employees);
      const id = newId(created);
      addTask({
        id,
        workspace_id: workspaceId,
        title: `Task ${i}: ${pick(['Review', 'Send', 'Sign', 'Upload', 'Confirm'])} ${pick(['the offer', 'the drawings', 'the invoice', 'the schedule'])}`,
        description: rand() < 0.5 ? '' : paragraph.repeat(1 + Math.floor(rand() * 3)),
        status,
        priority: pick(['low', 'normal', 'high']),
        due_on: rand() < 0.2 ? null : dateOf(now + Math.floor(rand() * 180 - 60) * day),
        visibility,
        version: 1 + Math.floor(rand() * 4),
        created_by: author,
        updated_by: pick(employees),
        completed_by: status === 'done' ? pick(employees) : null,
        completed_at: status === 'done' ? createdAt : null,
        created_at: createdAt,
        updated_at: createdAt,
      });
      const assignees = new Set<string>();
      for (let a = Math.floor(rand() * 3); a > 0; a--) assignees.add(pick(employees));
      if (guestAssigned) assignees.add(seed.guestId);
      for (const userId of assignees) addAssignee({ task_id: id, user_id: userId });
      if (rand() < 0.3) {
        for (let p = 0, n = 1 + Math.floor(rand() * 5); p < n; p++) {
          const done = rand() < 0.4;
          addItem({
            id: newId(created),
            task_id: id,
            position: p,
            text: `Step ${p + 1}`,
            done: done ? 1 : 0,
            done_by: done ? pick(employees) : null,
            done_at: done ? createdAt : null,
          });
        }
      }
      if (guestAssigned && guestWorkspaces.has(workspaceId) && (status === 'open' || status === 'in_progress') && visibility === 'shared')
        expected.add(id);
    }
  })();
  const count = (table: string) => (db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number).toLocaleString('en');
  console.log(
    `seeded ${count('workspaces')} workspaces, ${count('tasks')} tasks, ${count('task_assignees')} assignments, ${count('task_checklist_items')} checklist items`,
  );
  db.close();
  return expected;
}

async function seed(): Promise<Seeded> {
  const made = await seedThroughApi();
  await stop(foyer);
  const started = performance.now();
  const expected = seedThroughSql(made);
  console.log(`(SQL seeding took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  foyer = await startFoyer();
  return { guestCookie: made.guestCookie, expected };
}

let floor: ChildProcess | undefined;
try {
  const { guestCookie, expected } = await seed();
  const url = `${origin}/api/v1/me/tasks`;

  // Once, before measuring: page by page, exactly the guest's open, shared, assigned tasks in their 5 workspaces.
  const items: { id: string }[] = [];
  let firstPage = '';
  for (let cursor: string | null = ''; cursor !== null; ) {
    const answer = await api('GET', `/api/v1/me/tasks${cursor ? `?cursor=${cursor}` : ''}`, undefined, guestCookie);
    const body = await answer.text();
    if (!firstPage) firstPage = body;
    const page = JSON.parse(body) as { items: { id: string }[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  }
  const got = new Set(items.map((t) => t.id));
  const missing = [...expected].filter((id) => !got.has(id));
  const extra = [...got].filter((id) => !expected.has(id));
  if (expected.size < 100 || got.size !== items.length || missing.length > 0 || extra.length > 0)
    throw new Error(
      `GET /api/v1/me/tasks: ${items.length} items, expected ${expected.size}; ${missing.length} missing, ${extra.length} not the guest's`,
    );
  const pageSize = (JSON.parse(firstPage) as { items: unknown[] }).items.length;
  console.log(
    `GET /api/v1/me/tasks pages through the guest's ${items.length} tasks as expected; measured: the first page (${pageSize} tasks, ${(firstPage.length / 1024).toFixed(0)} KiB)`,
  );

  const bodyFile = path.join(dataDir, 'first-page.json');
  writeFileSync(bodyFile, firstPage);
  const floorPort = await freePort();
  floor = await start(['bench/floor-server.mjs'], { PORT: String(floorPort), FLOOR_BODY_FILE: bodyFile }, /listening/);

  // Alternate baseline and target a few times and keep the median of each: a 2-core machine is noisy.
  const base: Result[] = [];
  const bytes: Result[] = [];
  const mine: Result[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    base.push(await measure(`http://127.0.0.1:${helloPort}/`));
    bytes.push(await measure(`http://127.0.0.1:${floorPort}/healthz`));
    mine.push(await measure(url, { cookie: guestCookie }));
  }
  const baseline = median(base, (r) => r.rps);
  const floorResult = median(bytes, (r) => r.rps);
  const result = median(mine, (r) => r.rps);
  const ratio = result.rps / baseline.rps;
  const row = (name: string, r: Result) => line(name, `${r.rps.toFixed(0).padStart(8)} req/s   p99 ${String(r.p99).padStart(4)} ms`);
  console.log(
    `\n${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION} s, medians; same machine, same run (log level ${process.env.LOG_LEVEL ?? 'info'})`,
  );
  console.log(row('bare Fastify hello-world', baseline));
  console.log(
    `${row('floor: the same page from memory', floorResult)}   ratio ${(floorResult.rps / baseline.rps).toFixed(2)} (for comparison)`,
  );
  console.log(
    `${row('Foyer GET /api/v1/me/tasks (guest, 5 of 1,000 ws)', result)}   ratio ${ratio.toFixed(2)} (target >= ${TARGET.toFixed(2)}) ${ratio >= TARGET ? 'OK' : 'BELOW TARGET'}`,
  );
  process.exitCode = ratio >= TARGET ? 0 : 1;
} finally {
  hello.kill();
  floor?.kill();
  await stop(foyer);
  removeDataDir(dataDir);
}
