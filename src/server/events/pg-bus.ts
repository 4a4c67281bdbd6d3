import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../db/schema.js';
import { type BusMessage, type EventBus, memoryBus, splitPeople } from './bus.js';

const CHANNEL = 'foyer_events';
const RECONNECT_MS = 1_000;

/**
 * The bus between every process on one PostgreSQL database: NOTIFY through the pool, LISTEN on a
 * connection of its own. A process hears its own messages through the database too, so each message
 * reaches each process once.
 */
export function pgBus(url: string, db: Kysely<DB>, onError: (err: unknown) => void): EventBus & { ready: Promise<void> } {
  const local = memoryBus();
  let client: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('error', (err) => {
      onError(err);
      retry(next);
    });
    next.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        void local.publish(JSON.parse(msg.payload) as BusMessage);
      } catch (err) {
        onError(err);
      }
    });
    await next.connect();
    await next.query(`listen ${CHANNEL}`);
    if (closed) {
      await next.end();
      return;
    }
    client = next;
  };
  const retry = (broken: pg.Client) => {
    if (client === broken) client = null;
    void broken.end().catch(() => {});
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      connect().catch((err) => {
        onError(err);
        if (!closed) retry(broken);
      });
    }, RECONNECT_MS);
    timer.unref();
  };

  const ready = connect();
  return {
    ready,
    async publish(message) {
      const parts = 'userIds' in message ? splitPeople(message) : [message];
      for (const part of parts) await sql`select pg_notify(${CHANNEL}, ${JSON.stringify(part)})`.execute(db);
    },
    subscribe: local.subscribe,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await local.close();
      await client?.end().catch(() => {});
    },
  };
}
