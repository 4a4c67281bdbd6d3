import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusMessage } from '../../src/server/events/bus.js';
import { pgBus } from '../../src/server/events/pg-bus.js';
import { testEngine } from '../support/engine.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { unique } from '../support/workspaces.js';

// The bus between processes on PostgreSQL (LISTEN/NOTIFY), here two buses on one database as two
// processes would hold them. On SQLite the bus is in-process and has nothing of its own to test.

const postgres = testEngine() === 'postgres';
let t: TestApp;
const buses: ReturnType<typeof pgBus>[] = [];

beforeAll(async () => {
  if (postgres) t = await startTestApp();
});
afterAll(async () => {
  for (const bus of buses) await bus.close();
  if (postgres) await t.close();
});

async function newBus(options: { resyncEveryMs?: number } = {}): Promise<{ bus: ReturnType<typeof pgBus>; heard: BusMessage[] }> {
  if (t.config.database.engine !== 'postgres') throw new Error('PostgreSQL only');
  const bus = pgBus(t.config.database.url, t.ctx.db, () => {}, { heartbeatMs: 200, reconnectMs: 50, ...options });
  buses.push(bus);
  await bus.ready;
  const heard: BusMessage[] = [];
  bus.subscribe((m) => heard.push(m));
  return { bus, heard };
}

async function until(check: () => boolean, what: string, tick?: () => Promise<void>): Promise<void> {
  for (let waited = 0; !check(); waited += 50) {
    if (waited > 10_000) throw new Error(`still not ${what}`);
    await tick?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const change = (id: string): BusMessage => ({
  type: 'change',
  seq: 1,
  workspaceId: 'w',
  action: 'task.created',
  targetType: 'task',
  targetId: id,
});
const told = (heard: BusMessage[], id: string) => heard.filter((m) => m.type === 'change' && m.targetId === id).length;

describe.skipIf(!postgres)('the PostgreSQL bus', () => {
  it('brings a message published by one process to every process once, its own included', async () => {
    const a = await newBus();
    const b = await newBus();
    const id = unique('task-');
    await a.bus.publish(change(id));
    await until(() => told(a.heard, id) === 1 && told(b.heard, id) === 1, 'heard by both');
    // Nothing arrives twice.
    const later = unique('task-');
    await b.bus.publish(change(later));
    await until(() => told(a.heard, later) === 1, 'the next one heard');
    expect(told(a.heard, id) + told(b.heard, id)).toBe(2);
  });

  it('tells its process to read again at most once a period when its connection keeps coming back', async () => {
    const b = await newBus({ resyncEveryMs: 4_000 });
    const cutAll = () =>
      sql`select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and application_name = 'foyer-bus' and pid <> pg_backend_pid()`.execute(t.ctx.db);
    const resyncs = () => b.heard.filter((m) => m.type === 'resync').length;
    const backAgain = async () => {
      const id = unique('task-');
      await until(
        () => told(b.heard, id) > 0,
        'heard after reconnecting',
        () => b.bus.publish(change(id)),
      );
    };
    await cutAll();
    await backAgain();
    await until(() => resyncs() === 1, 'told to read again');
    await cutAll();
    await backAgain();
    // Back within the period: not yet told again, but told once the period is over (the second gap too).
    expect(resyncs()).toBe(1);
    await until(() => resyncs() === 2, 'told again after the period');
  });

  it('never sends "resync" to the other processes: it is a process’s own', async () => {
    const a = await newBus();
    const b = await newBus();
    await a.bus.publish({ type: 'resync' });
    const id = unique('task-');
    await a.bus.publish(change(id));
    await until(() => told(b.heard, id) === 1, 'the next message heard');
    expect(a.heard.filter((m) => m.type === 'resync').length).toBe(1);
    expect(b.heard.filter((m) => m.type === 'resync')).toEqual([]);
  });

  it('cuts long lists of people into messages PostgreSQL accepts, and every person arrives', async () => {
    const a = await newBus();
    const userIds = Array.from({ length: 250 }, () => `0197a3c4-${unique('p').padEnd(27, '0')}`);
    await a.bus.publish({ type: 'notifications', userIds });
    const arrived = () => new Set(a.heard.flatMap((m) => (m.type === 'notifications' ? m.userIds : [])));
    await until(() => arrived().size === userIds.length, 'all people heard');
    expect([...arrived()].sort()).toEqual([...userIds].sort());
  });

  it('listens again after its connection is cut, and tells its own process that it may have missed messages', async () => {
    const a = await newBus();
    const b = await newBus();
    expect(b.heard.filter((m) => m.type === 'resync')).toEqual([]);
    const cut = await sql<{ n: number }>`
      select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where datname = current_database() and application_name = 'foyer-bus' and pid <> pg_backend_pid()`.execute(t.ctx.db);
    expect(cut.rows[0]?.n).toBeGreaterThanOrEqual(2);
    const id = unique('task-');
    // Published again until heard: the connection comes back on its own, at some moment.
    await until(
      () => told(b.heard, id) > 0,
      'heard after reconnecting',
      () => a.bus.publish(change(id)),
    );
    expect(told(b.heard, id)).toBeGreaterThan(0);
    await until(() => a.heard.some((m) => m.type === 'resync') && b.heard.some((m) => m.type === 'resync'), 'told to read again');
  });
});
