import { extranetClosedTo } from '../../authz/actor.js';
import { actorOfUser, loadRules } from '../../authz/actor-loader.js';
import type { AppContext } from '../../context.js';
import type { BusMessage } from '../../events/bus.js';
import { EVENT_COLUMNS, type EventRow, toDomainEvent } from '../../events/domain-event.js';
import { entersWorkspace, itemSeenBy } from '../../events/event-visibility.js';
import { sessionTimeouts } from '../auth/auth.service.js';
import { unreadCount } from '../notifications/notifications.service.js';
import { audienceOf, readerNow } from './stream-audience.js';
import type { StreamConnection } from './stream-connection.js';
import { credentialStillValid } from './stream-session.js';

export interface StreamLimits {
  /** Open streams per person; the oldest is closed for a new one, so a person cannot hoard connections. */
  maxPerUser: number;
  /** A comment line this often keeps proxies from timing the stream out; the reader is checked again then. */
  keepAliveMs: number;
}

export const STREAM_LIMITS: StreamLimits = { maxPerUser: 10, keepAliveMs: 25_000 };

/** Visibility checks of one change run this many at a time, leaving the pool to requests. */
const CHECKS_AT_ONCE = 4;

type Change = Extract<BusMessage, { type: 'change' }>;

async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The open streams of this process, by person, and the one bus subscription that fans messages out
 * to them. Messages are handled one after the other, in the order they were published, so a stream
 * is told of changes in the order they happened.
 */
export class StreamRegistry {
  private readonly byUser = new Map<string, Set<StreamConnection>>();
  private readonly queue: BusMessage[] = [];
  private draining = false;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ctx: AppContext,
    private readonly limits: StreamLimits = STREAM_LIMITS,
  ) {
    this.unsubscribe = ctx.bus.subscribe((message) => this.receive(message));
  }

  /** Open streams in this process. */
  get size(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }

  add(connection: StreamConnection): void {
    if (this.stopped) {
      connection.close();
      return;
    }
    let set = this.byUser.get(connection.userId);
    if (!set) {
      set = new Set();
      this.byUser.set(connection.userId, set);
    }
    // A Set keeps insertion order: the first is the oldest. `replaced` lets a page stop reconnecting.
    for (const oldest of set) {
      if (set.size < this.limits.maxPerUser) break;
      oldest.send('replaced', {});
      oldest.close();
    }
    set.add(connection);
    const timer = setInterval(() => void this.recheck(connection), this.limits.keepAliveMs);
    timer.unref();
    connection.onEnd(() => {
      clearInterval(timer);
      const mine = this.byUser.get(connection.userId);
      mine?.delete(connection);
      if (mine?.size === 0) this.byUser.delete(connection.userId);
    });
  }

  /** Ends every stream (the app is closing: Fastify would otherwise wait for them). */
  close(): void {
    this.stopped = true;
    this.unsubscribe();
    this.queue.length = 0;
    for (const set of [...this.byUser.values()]) for (const connection of [...set]) connection.close();
  }

  private receive(message: BusMessage): void {
    if (this.stopped || this.byUser.size === 0) return;
    this.queue.push(message);
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      for (let message = this.queue.shift(); message; message = this.queue.shift()) {
        try {
          await this.handle(message);
        } catch (err) {
          this.ctx.log.warn({ err, message: message.type }, 'real-time message not delivered');
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async handle(message: BusMessage): Promise<void> {
    if (message.type === 'change') return this.change(message);
    if (message.type === 'extranet_closed') return this.endGuestStreams();
    if (message.type === 'resync') {
      for (const set of this.byUser.values()) for (const connection of set) connection.send('resync', {});
      return;
    }
    for (const userId of message.userIds) {
      const set = this.byUser.get(userId);
      if (!set) continue;
      const connections = [...set];
      if (message.type === 'access') {
        // What they may enter changed: the page starts over (a new stream, its data fetched again).
        for (const connection of connections) {
          connection.send('access', {});
          connection.close();
        }
        continue;
      }
      const first = connections[0];
      if (!first) continue;
      const unread = await unreadCount(this.ctx.db, first.actor);
      for (const connection of connections) connection.send('notifications', { unread });
    }
  }

  /** Guests' pages read again, and find the extranet closed; their streams would be refused now. */
  private endGuestStreams(): void {
    for (const set of [...this.byUser.values()]) {
      for (const connection of [...set]) {
        if (connection.actor.kind !== 'guest') continue;
        connection.send('access', {});
        connection.close();
      }
    }
  }

  /** Each reader is told only of an item a read would show them now: the log entry once, then each reader. */
  private async change(message: Change): Promise<void> {
    const db = this.ctx.db;
    const row = (await db
      .selectFrom('audit_events')
      .select([...EVENT_COLUMNS])
      .where('seq', '=', message.seq)
      .executeTakeFirst()) as EventRow | undefined;
    if (!row) return;
    const event = toDomainEvent(row);
    const workspaceId = message.workspaceId;
    const [audience, rules] = await Promise.all([audienceOf(db, workspaceId), loadRules(db)]);
    const now = new Date().toISOString();
    const readers: { connections: StreamConnection[]; actor: NonNullable<ReturnType<typeof readerNow>> }[] = [];
    for (const set of this.byUser.values()) {
      const connections = [...set];
      const kept = connections[0]?.actor;
      if (!kept) continue;
      // With the extranet switched off a guest may do nothing but sign out: no stream either.
      if (!rules.enabled && (audience.get(kept.id)?.kind ?? kept.kind) === 'guest') {
        for (const connection of connections) connection.close();
        continue;
      }
      const actor = readerNow(kept, audience.get(kept.id), workspaceId, rules, now);
      if (actor && entersWorkspace(actor, workspaceId)) readers.push({ connections, actor });
    }
    await eachLimited(readers, CHECKS_AT_ONCE, async ({ connections, actor }) => {
      const item = await itemSeenBy(db, actor, event);
      if (!item) return;
      const data = { workspaceId, action: message.action, item: { type: item.type, id: item.id } };
      for (const connection of connections) connection.send('change', data);
    });
  }

  /**
   * At each keep-alive: is the session or token still good and the person still active? A sign-out,
   * a password change or an ended session closes the stream here, within one keep-alive period
   * (suspension and lost access are told at once, by `access`). Fails closed when it cannot check.
   */
  private async recheck(connection: StreamConnection): Promise<void> {
    if (connection.closed) return;
    try {
      const kept = connection.actor;
      const fresh = (await credentialStillValid(this.ctx.db, kept, sessionTimeouts(this.ctx)))
        ? await actorOfUser(this.ctx.db, kept.id)
        : null;
      if (!fresh || extranetClosedTo(fresh)) return connection.close();
      connection.actor = { ...fresh, via: kept.via };
      connection.comment('keep-alive');
    } catch (err) {
      this.ctx.log.warn({ err }, 'real-time stream could not be checked; closed');
      connection.close();
    }
  }
}
