import { PassThrough } from 'node:stream';
import type { UserActor } from '../../authz/actor.js';

/** What a reader that stopped reading may leave in memory before its stream is dropped. */
export const MAX_UNREAD_BYTES = 256 * 1024;

/** How long a browser waits before it reconnects a dropped stream. */
export const RETRY_MS = 3_000;

/**
 * One open event stream: the Server-Sent Events framing, and the body Fastify pipes to the
 * response. Messages that arrive before the first event (`ready`) wait for it, so a reader always
 * hears `ready` first and misses nothing that happened while it was being prepared.
 */
export class StreamConnection {
  readonly body = new PassThrough();
  readonly openedAt = Date.now();
  /** The reader as last checked; renewed at each keep-alive. */
  actor: UserActor;
  private ready = false;
  private waiting: string[] = [];
  private ended = false;
  private readonly endListeners: (() => void)[] = [];

  constructor(actor: UserActor) {
    this.actor = actor;
    // Whoever ends it (the client going away, the server, a write error), it ends once.
    this.body.once('close', () => this.close());
    this.body.on('error', () => this.close());
    this.body.write(`retry: ${RETRY_MS}\n\n`);
  }

  get userId(): string {
    return this.actor.id;
  }

  get closed(): boolean {
    return this.ended;
  }

  /** One event; `data` is JSON, which never holds a line break, so it is always one `data:` line. */
  send(event: string, data: unknown): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** A comment line: proxies see traffic, readers see nothing. */
  comment(text: string): void {
    this.write(`: ${text}\n\n`);
  }

  /** Sends the first event, then whatever waited for it. */
  open(event: string, data: unknown): void {
    if (this.ended || this.ready) return;
    this.ready = true;
    this.send(event, data);
    for (const chunk of this.waiting) this.write(chunk);
    this.waiting = [];
  }

  onEnd(listener: () => void): void {
    if (this.ended) listener();
    else this.endListeners.push(listener);
  }

  /** Ends the response; a browser's EventSource then reconnects after `retry`. */
  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.waiting = [];
    if (!this.body.destroyed) this.body.end();
    for (const listener of this.endListeners.splice(0)) listener();
  }

  private write(chunk: string): void {
    if (this.ended) return;
    if (!this.ready) {
      this.waiting.push(chunk);
      return;
    }
    this.body.write(chunk);
    // A reader that does not read would make the server hold every message for it.
    if (this.body.writableLength > MAX_UNREAD_BYTES) this.drop();
  }

  private drop(): void {
    if (this.ended) return;
    this.ended = true;
    this.waiting = [];
    this.body.destroy();
    for (const listener of this.endListeners.splice(0)) listener();
  }
}
