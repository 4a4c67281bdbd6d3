import type { AddressInfo } from 'node:net';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerAuth } from '../../src/server/http/auth-plugin.js';
import { registerErrorHandling } from '../../src/server/http/error-handler.js';
import { registerSecurityHeaders } from '../../src/server/http/security-headers.js';
import { realtimeRoutes } from '../../src/server/modules/realtime/realtime.routes.js';
import { StreamRegistry } from '../../src/server/modules/realtime/stream-registry.js';
import { drainEvents } from '../support/events.js';
import { makeEmployee } from '../support/factories.js';
import { type Caller, call } from '../support/http-client.js';
import { openStream, type SseStream } from '../support/sse-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { adminCaller, enableExtranet, inviteAndAccept, managerWithWorkspace, setPolicy, signedIn } from '../support/workspaces.js';

// What a stream re-checks at each keep-alive, how many one person may hold, and how streams end,
// on the stream route as the app mounts it but with a keep-alive of a fraction of a second (25 s in
// the app) and two streams per person (ten), beside the full test app that changes things.

const KEEP_ALIVE_MS = 150;

let t: TestApp;
let streams: FastifyInstance;
let registry: StreamRegistry;
let base: string;
let admin: Caller & { id: string };
const open: SseStream[] = [];

/** Runs between the request's sign-in check and the stream's handler, once (a race made to happen). */
let betweenSignInAndStream: (() => Promise<void>) | null = null;

async function streamApp(r: StreamRegistry): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
  registerErrorHandling(app);
  registerSecurityHeaders(app, t.config);
  registerAuth(app, t.ctx);
  app.addHook('preHandler', async () => {
    const step = betweenSignInAndStream;
    betweenSignInAndStream = null;
    await step?.();
  });
  await app.register(realtimeRoutes(t.ctx, r), { prefix: '/api/v1' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await adminCaller(t);
  await enableExtranet(t, admin);
  registry = new StreamRegistry(t.ctx, { maxPerUser: 2, keepAliveMs: KEEP_ALIVE_MS });
  const started = await streamApp(registry);
  streams = started.app;
  base = started.url;
});
afterEach(() => {
  for (const stream of open.splice(0)) stream.close();
});
afterAll(async () => {
  await streams.close();
  await t.close();
});

const credentials = (caller: Caller): Record<string, string> =>
  caller.token ? { authorization: `Bearer ${caller.token}` } : caller.cookie ? { cookie: caller.cookie } : {};

async function connect(caller: Caller, url = base): Promise<SseStream> {
  const stream = await openStream(`${url}/api/v1/me/stream`, credentials(caller));
  open.push(stream);
  expect(stream.status, stream.body).toBe(200);
  await stream.waitFor((e) => e.event === 'ready');
  return stream;
}

/** Waits (bounded) for something the stream does on its own, a keep-alive or two from now. */
async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 25) {
    if (waited > 5_000) throw new Error(`still not ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('keep-alive', () => {
  it('sends a keep-alive comment and keeps a valid stream open', async () => {
    const user = await makeEmployee(t.ctx);
    const stream = await connect(await signedIn(t, user));
    await eventually(() => stream.lines.filter((l) => l === ': keep-alive').length >= 2, 'kept alive twice');
    expect(stream.isEnded()).toBe(false);
  });

  it('ends the stream of a session that signed out, and its reconnection is refused', async () => {
    const user = await makeEmployee(t.ctx);
    const caller = await signedIn(t, user);
    const stream = await connect(caller);
    expect((await call(t.app, 'POST', '/api/v1/auth/logout', undefined, caller)).statusCode).toBe(204);
    await stream.ended;
    const again = await openStream(`${base}/api/v1/me/stream`, credentials(caller));
    await again.ended;
    expect(again.status).toBe(401);
  });

  it('ends the streams of the other sessions when the password changes, not the one that changed it', async () => {
    const user = await makeEmployee(t.ctx);
    const here = await signedIn(t, user);
    const there = await signedIn(t, user);
    const [kept, ended] = await Promise.all([connect(here), connect(there)]);
    const changed = await call(
      t.app,
      'POST',
      '/api/v1/me/password',
      { currentPassword: user.password, newPassword: 'an entirely new passphrase 2026' },
      here,
    );
    expect(changed.statusCode, changed.body).toBe(204);
    await ended.ended;
    await eventually(() => kept.lines.filter((l) => l === ': keep-alive').length >= 2, 'kept alive after the change');
    expect(kept.isEnded()).toBe(false);
  });

  it('ends the stream of a session past its idle timeout, and of a revoked token', async () => {
    const user = await makeEmployee(t.ctx);
    const caller = await signedIn(t, user);
    const created = await call(t.app, 'POST', '/api/v1/me/tokens', { name: 'wallboard' }, caller);
    expect(created.statusCode).toBe(201);
    const [bySession, byToken] = await Promise.all([connect(caller), connect({ token: created.json().token })]);

    const idleSince = new Date(Date.now() - (t.config.sessionIdleMinutes + 1) * 60_000).toISOString();
    await t.ctx.db.updateTable('sessions').set({ last_seen_at: idleSince }).where('user_id', '=', user.id).execute();
    await bySession.ended;
    expect(byToken.isEnded()).toBe(false);

    const revoked = await call(t.app, 'DELETE', `/api/v1/me/tokens/${created.json().id}`, undefined, { token: created.json().token });
    expect(revoked.statusCode, revoked.body).toBe(204);
    await byToken.ended;
  });

  it('ends guests’ streams when the extranet is switched off, and keeps employees’', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const [employee, visitor] = await Promise.all([connect(manager.caller), connect(guest.caller)]);
    try {
      await setPolicy(t, admin, { extranetEnabled: false });
      await visitor.ended;
      const refused = await openStream(`${base}/api/v1/me/stream`, credentials(guest.caller));
      await refused.ended;
      expect(refused.status).toBe(403);
      await eventually(() => employee.lines.filter((l) => l === ': keep-alive').length >= 2, 'kept alive');
      expect(employee.isEnded()).toBe(false);
    } finally {
      await setPolicy(t, admin, { extranetEnabled: true });
    }
  });
});

describe('the extranet switched off while a guest’s stream opens', () => {
  it('refuses the stream when the switch came after the sign-in check and its message before the stream was registered', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    try {
      betweenSignInAndStream = async () => {
        await setPolicy(t, admin, { extranetEnabled: false });
        await drainEvents(t.ctx);
      };
      const stream = await openStream(`${base}/api/v1/me/stream`, credentials(guest.caller));
      await stream.ended;
      expect(stream.status, stream.body).toBe(403);
      expect(registry.size).toBe(0);
    } finally {
      betweenSignInAndStream = null;
      await setPolicy(t, admin, { extranetEnabled: true });
    }
  });
});

describe('limits and ending', () => {
  it('closes a person’s oldest stream, with "replaced", when they open one too many', async () => {
    const user = await makeEmployee(t.ctx);
    const caller = await signedIn(t, user);
    const first = await connect(caller);
    const second = await connect(caller);
    const third = await connect(caller);
    await first.waitFor((e) => e.event === 'replaced');
    await first.ended;
    expect(second.isEnded()).toBe(false);
    expect(third.isEnded()).toBe(false);
    expect(third.events.map((e) => e.event)).toEqual(['ready']);
  });

  it('forgets a stream as soon as its reader hangs up', async () => {
    // The earlier tests' readers hung up too; wait until those are gone.
    await eventually(() => registry.size === 0, 'empty');
    const user = await makeEmployee(t.ctx);
    const caller = await signedIn(t, user);
    const streamsOfUser = [await connect(caller), await connect(caller)];
    expect(registry.size).toBe(2);
    for (const stream of streamsOfUser) stream.close();
    await eventually(() => registry.size === 0, 'forgotten');
  });

  it('ends open streams when the app closes, instead of waiting for them', async () => {
    const own = new StreamRegistry(t.ctx);
    const { app, url } = await streamApp(own);
    const user = await makeEmployee(t.ctx);
    const stream = await connect(await signedIn(t, user), url);
    await app.close();
    await stream.ended;
    expect(own.size).toBe(0);
  });
});
