import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { requestLogger } from '../../src/server/http/logging.js';
import { makeEmployee } from '../support/factories.js';
import { signIn } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// What the operator reads: one line per answered request, carrying the id the answer carried,
// and never a cookie or a link secret. The request's own logger is made only when something logs
// through it, so these lines are checked as they are written.

type Line = Record<string, unknown>;

function capture(level = 'info') {
  const lines: Line[] = [];
  const log = pino({ level }, { write: (text: string) => lines.push(JSON.parse(text) as Line) });
  return { log, lines };
}

let t: TestApp;
let app: FastifyInstance;
let lines: Line[];
beforeAll(async () => {
  t = await startTestApp();
  const captured = capture();
  lines = captured.lines;
  app = await buildApp({ ...t.ctx, log: captured.log });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await t.close();
});
beforeEach(() => {
  lines.length = 0;
});

const completed = () => lines.filter((line) => line.msg === 'request completed');

describe('the request log', () => {
  it('writes one line per answer, with the request id the answer carried', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(completed()).toEqual([
      expect.objectContaining({ reqId: response.headers['x-request-id'], method: 'GET', url: '/healthz', status: 200, level: 30 }),
    ]);
  });

  it('logs a signed-in request without its cookie, and a link secret as [redacted]', async () => {
    const user = await makeEmployee(t.ctx);
    const cookie = await signIn(app, user.email, user.password);
    lines.length = 0;
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    const secret = 'a'.repeat(43);
    const invitation = await app.inject({ method: 'GET', url: `/api/v1/invitations/${secret}` });
    expect(invitation.statusCode).toBe(404);

    const written = JSON.stringify(lines);
    expect(written).not.toContain(cookie.split('=')[1]);
    expect(written).not.toContain(secret);
    expect(completed().map((line) => [line.reqId, line.url, line.status])).toEqual([
      [me.headers['x-request-id'], '/api/v1/me', 200],
      [invitation.headers['x-request-id'], '/api/v1/invitations/[redacted]', 404],
    ]);
  });

  it('logs an answer the framework refused with its request id too', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/workspaces/%E0%A4%A' });
    expect(response.statusCode).toBe(400);
    expect(completed()).toEqual([expect.objectContaining({ reqId: response.headers['x-request-id'], status: 400 })]);
  });
});

describe("a request's own logger", () => {
  it('writes through a child that carries the request id, made on first use', () => {
    const { log, lines: written } = capture('debug');
    const made = vi.spyOn(log, 'child');
    const logger = requestLogger(log, { reqId: 'req-1' }, {});
    expect(made).not.toHaveBeenCalled();
    logger.debug({ step: 1 }, 'first');
    expect(made).toHaveBeenCalledTimes(1);
    logger.child({ part: 'upload' }).warn('second');
    logger.level = 'warn';
    logger.info('dropped: below the level');
    logger.error(new Error('third'));
    expect(logger.level).toBe('warn');
    expect(written.map((line) => [line.reqId, line.msg, line.level])).toEqual([
      ['req-1', 'first', 20],
      ['req-1', 'second', 40],
      ['req-1', 'third', 50],
    ]);
    expect(written[0]?.step).toBe(1);
    expect(written[1]?.part).toBe('upload');
    // The level belongs to this request's logger alone.
    expect(log.level).toBe('debug');
    // One child of the parent for the whole request, not one per line (pino children inherit
    // `child`, so the spy also sees the upload's own child being made from the request's).
    expect(made.mock.contexts.filter((context) => context === log)).toHaveLength(1);
  });
});
