import { type IncomingHttpHeaders, request } from 'node:http';

/** One Server-Sent Event as a browser's EventSource would hand it over. */
export interface SseEvent {
  event: string;
  data: string;
  /** performance.now() when its last line arrived. */
  at: number;
}

export interface SseStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** Every event so far, in order. */
  events: SseEvent[];
  /** Comment lines (`: keep-alive`) and `retry:` values, in order, as `: text` or `retry: n`. */
  lines: string[];
  /** The body, when the answer was not a stream (a problem document). */
  body: string;
  /** Resolves when the server ends the response (or the connection drops). */
  ended: Promise<void>;
  isEnded(): boolean;
  /** The first event, already received or still to come, that matches; rejects after `timeoutMs`. */
  waitFor(match: (event: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  /** Hangs up, like closing the tab. */
  close(): void;
}

export const json = <T = Record<string, unknown>>(event: SseEvent): T => JSON.parse(event.data) as T;

/**
 * A small EventSource for tests and benches: a real HTTP connection whose body is parsed as it
 * arrives (field lines, blank line ends an event), without reconnecting, so a test sees exactly
 * when the server ends a stream.
 */
export function openStream(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers: { accept: 'text/event-stream', ...headers } });
    // After the answer, an error is the connection dropping: `ended` tells of it.
    req.on('error', reject);
    req.once('response', (response) => {
      const events: SseEvent[] = [];
      const lines: string[] = [];
      const waiters = new Set<{ match: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }>();
      let ended = false;
      let buffer = '';
      let body = '';
      let event = '';
      let data: string[] = [];
      const stream = response.headers['content-type']?.startsWith('text/event-stream') === true;
      const dispatch = () => {
        if (data.length > 0) {
          const received: SseEvent = { event: event || 'message', data: data.join('\n'), at: performance.now() };
          events.push(received);
          for (const waiter of [...waiters])
            if (waiter.match(received)) {
              waiters.delete(waiter);
              waiter.resolve(received);
            }
        }
        event = '';
        data = [];
      };
      const line = (text: string) => {
        if (text === '') return dispatch();
        if (text.startsWith(':')) return void lines.push(text);
        const colon = text.indexOf(':');
        const field = colon === -1 ? text : text.slice(0, colon);
        const value = colon === -1 ? '' : text.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'retry') lines.push(`retry: ${value}`);
      };
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (!stream) {
          body += chunk;
          return;
        }
        buffer += chunk;
        for (let end = buffer.search(/\r\n|\r|\n/); end !== -1; end = buffer.search(/\r\n|\r|\n/)) {
          const text = buffer.slice(0, end);
          buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
          line(text);
        }
      });
      const endedPromise = new Promise<void>((done) => {
        const finish = () => {
          ended = true;
          done();
        };
        response.once('end', finish);
        response.once('close', finish);
        response.on('error', finish);
      });
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        events,
        lines,
        get body() {
          return body;
        },
        ended: endedPromise,
        isEnded: () => ended,
        waitFor(match, timeoutMs = 5_000) {
          const seen = events.find(match);
          if (seen) return Promise.resolve(seen);
          return new Promise((ok, fail) => {
            const waiter = {
              match,
              resolve: (e: SseEvent) => {
                clearTimeout(timer);
                ok(e);
              },
            };
            const timer = setTimeout(() => {
              waiters.delete(waiter);
              fail(new Error(`no matching event within ${timeoutMs} ms; received: ${JSON.stringify(events.map((e) => e.event))}`));
            }, timeoutMs);
            waiters.add(waiter);
          });
        },
        close() {
          req.destroy();
        },
      });
    });
    req.end();
  });
}
