import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../db/schema.js';
import { type BusMessage, type EventBus, memoryBus, splitPeople } from './bus.js';

const CHANNEL = 'foyer_events';
const RECONNECT_MS = 1_000;
/**
 * A listening connection receives but never sends, so one that died quietly (a firewall dropping
 * an idle flow, a failover) would go unnoticed: it is asked a question this often, and one not
 * answered in time counts as broken.
 */
const HEARTBEAT_MS = 15_000;
/** A connection that keeps coming back (a flapping network) makes the pages read again this often at most. */
const RESYNC_EVERY_MS = 10_000;
const ANSWER_WITHIN_MS = 10_000;

export interface PgBusOptions {
  heartbeatMs?: number;
  reconnectMs?: number;
  resyncEveryMs?: number;
}

/**
 * The bus between every process on one PostgreSQL database: NOTIFY through the pool, LISTEN on a
 * connection of its own. A process hears its own messages through the database too, so each message
 * reaches each process once, in the order the NOTIFYs committed.
 *
 * While the listening connection is down (until it is back, a second later) messages are not
 * heard; once it is back, this process hears `resync` (at most every 10 s) and its open pages read
 * what they show again.
 * The log itself loses nothing.
 */
export function pgBus(
  url: string,
  db: Kysely<DB>,
  onError: (err: unknown) => void,
  options: PgBusOptions = {},
): EventBus & { ready: Promise<void> } {
  const local = memoryBus();
  const reconnectMs = options.reconnectMs ?? RECONNECT_MS;
  let client: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  let listenedBefore = false;
  let lastResync = 0;
  let resyncTimer: NodeJS.Timeout | null = null;
  const resync = () => {
    if (resyncTimer || closed) return;
    resyncTimer = setTimeout(
      () => {
        resyncTimer = null;
        lastResync = Date.now();
        void local.publish({ type: 'resync' });
      },
      Math.max(0, lastResync + (options.resyncEveryMs ?? RESYNC_EVERY_MS) - Date.now()),
    );
    resyncTimer.unref();
  };

  const connect = async (): Promise<void> => {
    const next = new pg.Client({
      connectionString: url,
      // Named, so an operator can tell it in pg_stat_activity.
      application_name: 'foyer-bus',
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      query_timeout: ANSWER_WITHIN_MS,
    });
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
    try {
      await next.connect();
      await next.query(`listen ${CHANNEL}`);
    } catch (err) {
      // Connected but not listening would hold a server connection for nothing.
      await next.end().catch(() => {});
      throw err;
    }
    if (closed) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
    if (listenedBefore) resync();
    listenedBefore = true;
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
    }, reconnectMs);
    timer.unref();
  };

  const beat = () => {
    const current = client;
    if (closed || !current) return;
    current.query('select 1').catch((err: unknown) => {
      onError(err);
      retry(current);
    });
  };
  heartbeat = setInterval(beat, options.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();

  const ready = connect();
  return {
    ready,
    async publish(message) {
      if (message.type === 'resync') return local.publish(message);
      const parts = 'userIds' in message ? splitPeople(message) : [message];
      for (const part of parts) await sql`select pg_notify(${CHANNEL}, ${JSON.stringify(part)})`.execute(db);
    },
    subscribe: local.subscribe,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (heartbeat) clearInterval(heartbeat);
      if (resyncTimer) clearTimeout(resyncTimer);
      await local.close();
      await client?.end().catch(() => {});
    },
  };
}
