import type { Kysely } from 'kysely';
import { PostgresAdapter, sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { DB } from '../db/schema.js';
import { startWakeableLoop, type WakeableLoop } from '../lib/wakeable-loop.js';
import type { BusMessage } from './bus.js';
import { type DomainEvent, EVENT_COLUMNS, type EventRow, toDomainEvent } from './domain-event.js';

/**
 * One reader of the event log. `handle` runs in the transaction that moves the consumer's cursor,
 * so what it writes (notifications, queued jobs) exists exactly once per event; the bus messages it
 * returns are published after that transaction commits.
 */
export interface EventConsumer {
  name: string;
  handle(ctx: AppContext, trx: Kysely<DB>, events: DomainEvent[]): Promise<BusMessage[]>;
}

const BATCH = 200;

/** Handles one batch for one consumer; the number of events handled (0 when caught up or busy elsewhere). */
async function consumeBatch(ctx: AppContext, consumer: EventConsumer): Promise<number> {
  const postgres = ctx.db.getExecutor().adapter instanceof PostgresAdapter;
  let messages: BusMessage[] = [];
  const handled = await ctx.db.transaction().execute(async (trx) => {
    // On PostgreSQL another node may hold this consumer: it is skipped here, not waited for.
    const cursor = postgres
      ? (
          await sql<{
            last_seq: number;
          }>`select last_seq from event_consumers where name = ${consumer.name} for update skip locked`.execute(trx)
        ).rows[0]
      : await trx.selectFrom('event_consumers').select('last_seq').where('name', '=', consumer.name).executeTakeFirst();
    if (!cursor) return 0;
    const rows = (await trx
      .selectFrom('audit_events')
      .select([...EVENT_COLUMNS])
      .where('seq', '>', Number(cursor.last_seq))
      .orderBy('seq')
      .limit(BATCH)
      .execute()) as EventRow[];
    if (rows.length === 0) return 0;
    const events = rows.map(toDomainEvent);
    messages = await consumer.handle(ctx, trx, events);
    const last = events[events.length - 1] as DomainEvent;
    await trx.updateTable('event_consumers').set({ last_seq: last.seq }).where('name', '=', consumer.name).execute();
    return events.length;
  });
  for (const message of messages) await ctx.bus.publish(message);
  return handled;
}

/** Lets every consumer catch up with the log; the number of events handled in all. */
export async function pumpEvents(ctx: AppContext, consumers: readonly EventConsumer[]): Promise<number> {
  let total = 0;
  for (const consumer of consumers) {
    for (;;) {
      const handled = await consumeBatch(ctx, consumer);
      total += handled;
      if (handled < BATCH) break;
    }
  }
  return total;
}

async function newestSeq(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

const POLL_MS = 1_000;

/**
 * Runs the consumers in this process: right after a change (the app wakes it when a request that
 * may have written has answered) and every second for changes made elsewhere (jobs, other nodes).
 */
export function startEventPump(ctx: AppContext, consumers: readonly EventConsumer[], afterPump: () => void): WakeableLoop {
  // The newest event every consumer has been run past: while the log has nothing newer, a wake
  // costs one indexed read instead of a transaction per consumer.
  let seen = -1;
  return startWakeableLoop(
    async () => {
      const newest = await newestSeq(ctx.db);
      if (newest === seen) return false;
      if ((await pumpEvents(ctx, consumers)) > 0) afterPump();
      seen = newest;
      return false;
    },
    POLL_MS,
    (err) => ctx.log.error({ err }, 'event consumers failed; retrying'),
  );
}
