import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, isAbortError } from './api-client';

// A real server that sends the headers of a JSON answer at once and its body only when told.
let server: Server;
let base: string;
const waiting: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.write('{"items":[');
    waiting.push(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const response of waiting) response.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Resolves when `fetch` has handed back the Response (headers in, body still on its way). */
function nextResponse(): Promise<void> {
  const realFetch = globalThis.fetch;
  return new Promise((resolve) => {
    globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
      globalThis.fetch = realFetch;
      try {
        return await realFetch(...args);
      } finally {
        resolve();
      }
    };
  });
}

describe('a request cancelled while its answer is on the way', () => {
  it('is reported as cancelled, not as an empty answer', async () => {
    const controller = new AbortController();
    const arrived = nextResponse();
    const answer = api.get<{ items: unknown[] }>(`${base}/slow`, { signal: controller.signal });
    await arrived;
    controller.abort();
    const outcome = await answer.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    expect('error' in outcome && isAbortError(outcome.error)).toBe(true);
  });
});
