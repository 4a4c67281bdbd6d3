import { createHmac, timingSafeEqual } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_HANDLERS } from '../../src/server/jobs/handlers.js';
import { runDueJobs } from '../../src/server/jobs/queue.js';
import { drainEvents } from '../support/events.js';
import { type Caller, call } from '../support/http-client.js';
import { createTask } from '../support/tasks.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { adminCaller, managerWithWorkspace, unique } from '../support/workspaces.js';

// Deliveries against a real HTTP receiver on 127.0.0.1 (allowed through the API like any private
// host): signatures, retries with backoff, the delivery log, test events, redelivery.

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let t: TestApp;
let admin: Caller & { id: string };
let receiver: http.Server;
let port = 0;
const received: Received[] = [];
/** Status codes a path answers with, one per request; 200 once they run out. */
const answers = new Map<string, number[]>();

beforeAll(async () => {
  receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = answers.get(path)?.shift() ?? 200;
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : `refused with ${status}`);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
  t = await startTestApp();
  admin = await adminCaller(t);
  const allowed = await call(t.app, 'POST', '/api/v1/webhooks/allowed-hosts', { host: '127.0.0.1' }, admin);
  expect(allowed.statusCode, allowed.body).toBe(201);
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const at = (path: string) => received.filter((r) => r.path === path);

async function createHook(events: string[], answerWith: number[] = []) {
  const path = `/hook/${unique('h')}`;
  answers.set(path, [...answerWith]);
  const response = await call(
    t.app,
    'POST',
    '/api/v1/webhooks',
    { name: unique('Hook '), url: `http://127.0.0.1:${port}${path}`, events },
    admin,
  );
  expect(response.statusCode, response.body).toBe(201);
  const hook = response.json() as { id: string; secret: string; url: string; events: string[]; active: boolean };
  return { ...hook, path };
}

/** What a receiver does: recompute the signature over "<timestamp>.<body>" and compare in constant time. */
function verifies(secret: string, request: Received): boolean {
  const timestamp = String(request.headers['foyer-webhook-timestamp']);
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex')}`);
  const given = Buffer.from(String(request.headers['foyer-webhook-signature']));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

interface Delivery {
  id: string;
  eventType: string;
  state: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  payload: Record<string, unknown>;
  recentAttempts: { at: string; statusCode: number | null; error: string | null; durationMs: number }[];
}

async function deliveries(hookId: string): Promise<Delivery[]> {
  const response = await call(t.app, 'GET', `/api/v1/webhooks/${hookId}/deliveries`, undefined, admin);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}

const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

describe('webhook deliveries', () => {
  it('posts one signed delivery of a chosen event, with a current timestamp, and logs it', async () => {
    const hook = await createHook(['task.created']);
    const manager = await managerWithWorkspace(t);
    const task = await createTask(t, manager.caller, manager.workspaceId, { title: unique('Check the pumps ') });
    // A change of a type the webhook did not choose is not sent.
    expect((await call(t.app, 'PATCH', `/api/v1/tasks/${task.id}`, { title: unique('Renamed ') }, manager.caller)).statusCode).toBe(200);
    await drainEvents(t.ctx);

    const got = at(hook.path);
    expect(got).toHaveLength(1);
    const [request] = got as [Received];
    expect(verifies(hook.secret, request)).toBe(true);
    expect(verifies(`${hook.secret}x`, request)).toBe(false);
    const timestamp = Number(request.headers['foyer-webhook-timestamp']);
    expect(Math.abs(Date.now() / 1000 - timestamp)).toBeLessThan(300);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['user-agent']).toBe('Foyer-Webhooks');
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({
      id: request.headers['foyer-webhook-id'],
      type: 'task.created',
      workspaceId: manager.workspaceId,
      actor: { id: manager.id },
      target: { type: 'task', id: task.id },
    });
    expect(body.data).not.toHaveProperty('ip');

    const log = await deliveries(hook.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      id: body.id,
      eventType: 'task.created',
      state: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
    });
    expect(log[0]?.payload).toEqual(body);
    expect(log[0]?.recentAttempts.map((a) => a.statusCode)).toEqual([200]);
  });

  it('includes internal items: integrators see what administrators see', async () => {
    const hook = await createHook(['task.created']);
    const manager = await managerWithWorkspace(t);
    const task = await createTask(t, manager.caller, manager.workspaceId, { title: unique('Margins '), visibility: 'internal' });
    await drainEvents(t.ctx);
    expect(at(hook.path).map((r) => JSON.parse(r.body).target.id)).toEqual([task.id]);
  });

  it('retries a refused delivery later with the same body, then logs both attempts', async () => {
    const hook = await createHook(['task.created'], [500]);
    const manager = await managerWithWorkspace(t);
    await createTask(t, manager.caller, manager.workspaceId, { title: unique('Retry ') });
    await drainEvents(t.ctx);

    expect(at(hook.path)).toHaveLength(1);
    const [first] = await deliveries(hook.id);
    expect(first).toMatchObject({ state: 'pending', attempts: 1, lastStatusCode: 500 });
    expect(first?.lastError).toContain('refused with 500');
    const job = await t.ctx.db.selectFrom('jobs').selectAll().where('key', '=', `webhook-delivery:${first?.id}`).executeTakeFirstOrThrow();
    expect(job.state).toBe('queued');
    expect(new Date(job.run_at).getTime()).toBeGreaterThan(Date.now());
    // Not due yet: nothing happens now.
    await drainEvents(t.ctx);
    expect(at(hook.path)).toHaveLength(1);

    await runDueJobs(t.ctx, JOB_HANDLERS, { now: later(5) });
    const requests = at(hook.path);
    expect(requests).toHaveLength(2);
    expect(requests[1]?.body).toBe(requests[0]?.body);
    expect(requests[1]?.headers['foyer-webhook-id']).toBe(first?.id);
    expect(requests.every((r) => verifies(hook.secret, r))).toBe(true);
    const [after] = await deliveries(hook.id);
    expect(after).toMatchObject({ state: 'delivered', attempts: 2, lastStatusCode: 200, lastError: null });
    expect(after?.recentAttempts.map((a) => a.statusCode)).toEqual([200, 500]);
    expect((await t.ctx.db.selectFrom('jobs').select('state').where('id', '=', job.id).executeTakeFirstOrThrow()).state).toBe('done');
  });

  it('gives up after the last attempt and marks the delivery failed', async () => {
    const hook = await createHook(['task.created'], Array(20).fill(503));
    const manager = await managerWithWorkspace(t);
    await createTask(t, manager.caller, manager.workspaceId, { title: unique('Never ') });
    await drainEvents(t.ctx);
    for (let i = 0; i < 12; i += 1) await runDueJobs(t.ctx, JOB_HANDLERS, { now: later(120) });
    const [delivery] = await deliveries(hook.id);
    expect(delivery).toMatchObject({ state: 'failed', attempts: 10, lastStatusCode: 503 });
    expect(delivery?.recentAttempts).toHaveLength(5);
    expect(at(hook.path)).toHaveLength(10);
  });

  it('sends a test event at once, and sends a delivery again on request', async () => {
    const hook = await createHook(['note.created']);
    const test = await call(t.app, 'POST', `/api/v1/webhooks/${hook.id}/test`, undefined, admin);
    expect(test.statusCode, test.body).toBe(202);
    const { deliveryId } = test.json();
    await drainEvents(t.ctx);
    const [request] = at(hook.path);
    expect(request).toBeDefined();
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({
      id: deliveryId,
      type: 'webhook.test',
      target: { type: 'webhook', id: hook.id },
    });
    expect(verifies(hook.secret, request as Received)).toBe(true);

    const again = await call(t.app, 'POST', `/api/v1/webhooks/deliveries/${deliveryId}/redeliver`, undefined, admin);
    expect(again.statusCode, again.body).toBe(202);
    // Already waiting: a second request changes nothing.
    expect((await call(t.app, 'POST', `/api/v1/webhooks/deliveries/${deliveryId}/redeliver`, undefined, admin)).statusCode).toBe(409);
    await drainEvents(t.ctx);
    const requests = at(hook.path);
    expect(requests).toHaveLength(2);
    expect(requests[1]?.body).toBe(requests[0]?.body);
    const [logged] = await deliveries(hook.id);
    expect(logged).toMatchObject({ id: deliveryId, state: 'delivered', attempts: 2 });
    expect((await call(t.app, 'POST', `/api/v1/webhooks/deliveries/${unique('x')}/redeliver`, undefined, admin)).statusCode).toBe(404);
  });

  it('sends nothing for a disabled webhook, and nothing more once a webhook is deleted', async () => {
    const disabled = await createHook(['task.created']);
    const patch = await call(t.app, 'PATCH', `/api/v1/webhooks/${disabled.id}`, { active: false }, admin);
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json().active).toBe(false);
    const deleted = await createHook(['task.created'], [500]);
    const manager = await managerWithWorkspace(t);
    await createTask(t, manager.caller, manager.workspaceId, { title: unique('Quiet ') });
    await drainEvents(t.ctx);
    expect(at(disabled.path)).toEqual([]);
    expect(await deliveries(disabled.id)).toEqual([]);
    expect(at(deleted.path)).toHaveLength(1);

    const [pending] = await deliveries(deleted.id);
    expect(pending?.state).toBe('pending');
    expect((await call(t.app, 'DELETE', `/api/v1/webhooks/${deleted.id}`, undefined, admin)).statusCode).toBe(204);
    await runDueJobs(t.ctx, JOB_HANDLERS, { now: later(5) });
    const job = await t.ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('key', '=', `webhook-delivery:${pending?.id}`)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ state: 'done', attempts: 2 });
    expect(at(deleted.path)).toHaveLength(1);
    expect((await call(t.app, 'GET', `/api/v1/webhooks/${deleted.id}/deliveries`, undefined, admin)).statusCode).toBe(404);
  });

  it('signs with the new secret once it is rotated', async () => {
    const hook = await createHook(['task.created']);
    const rotated = await call(t.app, 'POST', `/api/v1/webhooks/${hook.id}/rotate-secret`, undefined, admin);
    expect(rotated.statusCode, rotated.body).toBe(200);
    const { secret } = rotated.json();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(secret).not.toBe(hook.secret);
    const manager = await managerWithWorkspace(t);
    await createTask(t, manager.caller, manager.workspaceId, { title: unique('Rotated ') });
    await drainEvents(t.ctx);
    const [request] = at(hook.path);
    expect(verifies(secret, request as Received)).toBe(true);
    expect(verifies(hook.secret, request as Received)).toBe(false);
  });

  it('refuses at delivery a host that is no longer allowed, and logs why', async () => {
    const hook = await createHook(['task.created']);
    const manager = await managerWithWorkspace(t);
    expect((await call(t.app, 'DELETE', '/api/v1/webhooks/allowed-hosts/127.0.0.1', undefined, admin)).statusCode).toBe(204);
    try {
      await createTask(t, manager.caller, manager.workspaceId, { title: unique('Refused ') });
      await drainEvents(t.ctx);
      expect(at(hook.path)).toEqual([]);
      const [delivery] = await deliveries(hook.id);
      expect(delivery).toMatchObject({ state: 'pending', attempts: 1, lastStatusCode: null });
      expect(delivery?.lastError).toContain('private, loopback or link-local');
    } finally {
      expect((await call(t.app, 'POST', '/api/v1/webhooks/allowed-hosts', { host: '127.0.0.1' }, admin)).statusCode).toBe(201);
    }
    // Allowed again: the retry goes through.
    await runDueJobs(t.ctx, JOB_HANDLERS, { now: later(5) });
    expect(at(hook.path)).toHaveLength(1);
  });
});
