import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Resolved, WebhookTarget } from './webhook-address.js';

export const DELIVERY_TIMEOUT_MS = 10_000;
/** Enough of a receiver's answer to tell why it refused; the rest is not read. */
const MAX_RESPONSE_BYTES = 4096;
export const MAX_ERROR_LENGTH = 500;

export interface SendResult {
  /** Null when no answer came (refused, unreachable, timed out). */
  statusCode: number | null;
  /** Why it did not count as delivered; null for a 2xx. */
  error: string | null;
  durationMs: number;
}

/** Printable text only, cut to what the delivery log keeps. */
export function errorText(text: string): string {
  const printable = text.replace(/\p{Cc}+/gu, ' ').trim();
  return printable.length > MAX_ERROR_LENGTH ? `${printable.slice(0, MAX_ERROR_LENGTH - 1)}…` : printable;
}

/**
 * A lookup that answers with the address already checked, whatever the name resolves to by now:
 * a DNS answer that changes between the check and the connection (rebinding) changes nothing.
 */
function pinnedLookup(address: Resolved): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) (callback as (err: null, addresses: { address: string; family: number }[]) => void)(null, [address]);
    else callback(null, address.address, address.family);
  };
}

/**
 * One POST of a signed body to the checked address. Redirects are not followed (a 3xx is a failed
 * attempt like any other non-2xx); the whole exchange, connection to last byte read, has 10 s.
 */
export function sendWebhook(target: WebhookTarget, address: Resolved, headers: Record<string, string>, body: string): Promise<SendResult> {
  const started = performance.now();
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (statusCode: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ statusCode, error: error === null ? null : errorText(error), durationMs: Math.round(performance.now() - started) });
    };
    const request = client.request(target.url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' },
      lookup: pinnedLookup(address),
      // Each delivery stands alone: no pooled connection may carry it to an address checked earlier.
      agent: false,
    });
    // Headers that came in time count even when the rest of the answer does not.
    let answered: (() => void) | null = null;
    const deadline = setTimeout(() => {
      if (answered) answered();
      else finish(null, `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s`);
      request.destroy();
    }, DELIVERY_TIMEOUT_MS);
    request.on('error', (err) => finish(null, err.message || 'the connection failed'));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const status = response.statusCode ?? null;
        const ok = status !== null && status >= 200 && status < 300;
        const text = Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8');
        const location = status !== null && status >= 300 && status < 400 ? response.headers.location : undefined;
        finish(
          status,
          ok ? null : location ? `redirect to ${location} (not followed)` : text.trim() ? `HTTP ${status}: ${text}` : `HTTP ${status}`,
        );
        response.destroy();
      };
      answered = done;
      response.on('data', (chunk: Buffer) => {
        if (size >= MAX_RESPONSE_BYTES) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_RESPONSE_BYTES) done();
      });
      response.on('end', done);
      response.on('close', done);
      response.on('error', done);
    });
    request.end(body);
  });
}
