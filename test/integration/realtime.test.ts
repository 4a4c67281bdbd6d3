import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFolder, uploadFile } from '../support/documents.js';
import { drainEvents } from '../support/events.js';
import { makeEmployee } from '../support/factories.js';
import { type Caller, call } from '../support/http-client.js';
import { json, openStream, type SseEvent, type SseStream } from '../support/sse-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  addMember,
  adminCaller,
  enableExtranet,
  inviteAndAccept,
  managerWithWorkspace,
  setPolicy,
  signedIn,
  unique,
} from '../support/workspaces.js';

// The stream over a real socket, read as a browser's EventSource reads it; the event log is pumped
// by hand (drainEvents) after each change, as the server's background work would.

let t: TestApp;
let base: string;
let admin: Caller & { id: string };
const open: SseStream[] = [];

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  admin = await adminCaller(t);
  await enableExtranet(t, admin);
});
afterEach(() => {
  for (const stream of open.splice(0)) stream.close();
});
afterAll(async () => {
  await t.close();
});

const credentials = (caller: Caller): Record<string, string> =>
  caller.token ? { authorization: `Bearer ${caller.token}` } : caller.cookie ? { cookie: caller.cookie } : {};

/** Opens a stream and waits for `ready`. */
async function connect(caller: Caller): Promise<SseStream> {
  const stream = await openStream(`${base}/api/v1/me/stream`, credentials(caller));
  open.push(stream);
  expect(stream.status, stream.body).toBe(200);
  await stream.waitFor((e) => e.event === 'ready');
  return stream;
}

const about = (id: string) => (e: SseEvent) => e.event === 'change' && json<{ item: { id: string } }>(e).item.id === id;
const changesAbout = (stream: SseStream, id: string) => stream.events.filter(about(id));

async function createTask(caller: Caller, workspaceId: string, body: Record<string, unknown> = {}): Promise<{ id: string }> {
  const response = await call(t.app, 'POST', `/api/v1/workspaces/${workspaceId}/tasks`, { title: unique('Task '), ...body }, caller);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('GET /api/v1/me/stream', () => {
  it('answers an event stream that proxies pass through unbuffered, then retry and ready with the unread count', async () => {
    const user = await makeEmployee(t.ctx);
    const stream = await connect(await signedIn(t, user));
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers['cache-control']).toBe('no-store');
    expect(stream.headers['x-accel-buffering']).toBe('no');
    expect(stream.headers['x-request-id']).toBeTruthy();
    expect(stream.lines[0]).toBe('retry: 3000');
    expect(stream.events[0]?.event).toBe('ready');
    expect(json(stream.events[0] as SseEvent)).toEqual({ unread: 0 });
    expect(stream.isEnded()).toBe(false);
  });

  it('refuses anyone not signed in, and a wrong token, with a 401 problem document', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer foyer_pat_not-a-token' }, { cookie: 'foyer_session=forged' }];
    for (const headers of attempts) {
      const stream = await openStream(`${base}/api/v1/me/stream`, headers);
      await stream.ended;
      expect(stream.status).toBe(401);
      expect(stream.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(stream.body)).toMatchObject({ status: 401 });
    }
  });

  it('answers HEAD with the stream headers and no body', async () => {
    const user = await makeEmployee(t.ctx);
    const response = await call(t.app, 'HEAD', '/api/v1/me/stream', undefined, await signedIn(t, user));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(response.body).toBe('');
  });

  it('works with a personal API token as well as the session cookie', async () => {
    const user = await makeEmployee(t.ctx);
    const cookie = await signedIn(t, user);
    const created = await call(t.app, 'POST', '/api/v1/me/tokens', { name: 'dashboard' }, cookie);
    expect(created.statusCode).toBe(201);
    const stream = await connect({ token: created.json().token });
    expect(json(stream.events[0] as SseEvent)).toEqual({ unread: 0 });
  });
});

describe('changes on the stream', () => {
  it('tells the manager and the guest of a shared task, and names the item', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const [mine, theirs] = await Promise.all([connect(manager.caller), connect(guest.caller)]);

    const task = await createTask(manager.caller, manager.workspaceId);
    await drainEvents(t.ctx);

    for (const stream of [mine, theirs]) {
      const event = await stream.waitFor(about(task.id));
      expect(json(event)).toEqual({ workspaceId: manager.workspaceId, action: 'task.created', item: { type: 'task', id: task.id } });
    }
  });

  it('tells only employees of an internal task', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    // Joining restarts the joiner's streams (their menu reads again); that is over before they connect here.
    await drainEvents(t.ctx);
    const [mine, theirs] = await Promise.all([connect(manager.caller), connect(guest.caller)]);

    const internal = await createTask(manager.caller, manager.workspaceId, { visibility: 'internal' });
    await drainEvents(t.ctx);
    await mine.waitFor(about(internal.id));
    // Messages reach a stream in order: once the guest hears of the next shared task, the internal one is long past.
    const shared = await createTask(manager.caller, manager.workspaceId);
    await drainEvents(t.ctx);
    await theirs.waitFor(about(shared.id));
    expect(changesAbout(theirs, internal.id)).toEqual([]);
    expect(JSON.stringify(theirs.events)).not.toContain(internal.id);
  });

  it('tells a guest of another workspace nothing', async () => {
    const manager = await managerWithWorkspace(t);
    const elsewhere = await managerWithWorkspace(t);
    const outsider = await inviteAndAccept(t, elsewhere.caller, elsewhere.workspaceId);
    await drainEvents(t.ctx);
    const theirs = await connect(outsider.caller);

    const task = await createTask(manager.caller, manager.workspaceId);
    await drainEvents(t.ctx);
    const own = await createTask(elsewhere.caller, elsewhere.workspaceId);
    await drainEvents(t.ctx);
    await theirs.waitFor(about(own.id));
    expect(changesAbout(theirs, task.id)).toEqual([]);
    expect(theirs.events.filter((e) => e.event === 'change').map((e) => json(e).workspaceId)).toEqual([elsewhere.workspaceId]);
  });

  it('tells of a comment as a change of the task it is on, and of a new document in a folder', async () => {
    const manager = await managerWithWorkspace(t, { guestSettings: { comment: true } });
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const task = await createTask(manager.caller, manager.workspaceId);
    const folder = await createFolder(t, manager.caller, manager.workspaceId);
    await drainEvents(t.ctx);
    const theirs = await connect(guest.caller);

    const comment = await call(t.app, 'POST', `/api/v1/tasks/${task.id}/comments`, { body: 'Looks good' }, manager.caller);
    expect(comment.statusCode, comment.body).toBe(201);
    const document = await uploadFile(t, manager.caller, folder.id, `${unique('report-')}.txt`, 'numbers');
    await drainEvents(t.ctx);

    const onTask = await theirs.waitFor((e) => e.event === 'change' && json(e).action === 'comment.created');
    expect(json(onTask)).toEqual({ workspaceId: manager.workspaceId, action: 'comment.created', item: { type: 'task', id: task.id } });
    const uploaded = await theirs.waitFor(about(document.id));
    expect(json(uploaded)).toEqual({
      workspaceId: manager.workspaceId,
      action: 'document.uploaded',
      item: { type: 'document', id: document.id },
    });
    expect(JSON.stringify(theirs.events)).not.toContain(comment.json().id);

    // A deletion too: the comment is gone, its thread is still on the reader's screen.
    const deleted = await call(t.app, 'DELETE', `/api/v1/comments/${comment.json().id}`, undefined, manager.caller);
    expect(deleted.statusCode, deleted.body).toBe(204);
    await drainEvents(t.ctx);
    const gone = await theirs.waitFor((e) => e.event === 'change' && json(e).action === 'comment.deleted');
    expect(json(gone)).toEqual({ workspaceId: manager.workspaceId, action: 'comment.deleted', item: { type: 'task', id: task.id } });
  });

  it('never tells a guest of the deletion of a comment from before the item was shared', async () => {
    const manager = await managerWithWorkspace(t, { guestSettings: { comment: true } });
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const task = await createTask(manager.caller, manager.workspaceId, { visibility: 'internal' });
    const internal = await call(t.app, 'POST', `/api/v1/tasks/${task.id}/comments`, { body: 'Between us' }, manager.caller);
    expect(internal.statusCode, internal.body).toBe(201);
    const shared = await call(t.app, 'PATCH', `/api/v1/tasks/${task.id}`, { visibility: 'shared' }, manager.caller);
    expect(shared.statusCode, shared.body).toBe(200);
    await drainEvents(t.ctx);
    const [mine, theirs] = await Promise.all([connect(manager.caller), connect(guest.caller)]);

    const deleted = await call(t.app, 'DELETE', `/api/v1/comments/${internal.json().id}`, undefined, manager.caller);
    expect(deleted.statusCode, deleted.body).toBe(204);
    const later = await createTask(manager.caller, manager.workspaceId, { visibility: 'shared' });
    await drainEvents(t.ctx);
    await mine.waitFor((e) => e.event === 'change' && json(e).action === 'comment.deleted');
    await theirs.waitFor(about(later.id));
    expect(theirs.events.filter((e) => e.event === 'change' && json(e).action === 'comment.deleted')).toEqual([]);
  });
});

describe('notifications and access on the stream', () => {
  it('gives a guest their new unread count when a task is assigned to them', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    await drainEvents(t.ctx);
    const before = (await call(t.app, 'GET', '/api/v1/me/notifications/unread-count', undefined, guest.caller)).json().unread;
    const theirs = await connect(guest.caller);
    expect(json(theirs.events[0] as SseEvent)).toEqual({ unread: before });

    await createTask(manager.caller, manager.workspaceId, { assigneeIds: [guest.id] });
    await drainEvents(t.ctx);

    const told = await theirs.waitFor((e) => e.event === 'notifications');
    expect(json(told)).toEqual({ unread: before + 1 });
    const now = (await call(t.app, 'GET', '/api/v1/me/notifications/unread-count', undefined, guest.caller)).json().unread;
    expect(now).toBe(before + 1);
  });

  it('tells a removed guest "access" and ends their stream; the manager’s stays open', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    // A second workspace keeps the guest's account active once they leave the first.
    const other = await managerWithWorkspace(t);
    await addMember(t, other.workspaceId, guest.id, 'guest');
    const [mine, theirs] = await Promise.all([connect(manager.caller), connect(guest.caller)]);

    const removed = await call(t.app, 'DELETE', `/api/v1/workspaces/${manager.workspaceId}/members/${guest.id}`, undefined, manager.caller);
    expect(removed.statusCode, removed.body).toBe(204);
    const task = await createTask(manager.caller, manager.workspaceId);
    // The removal and the next task in one batch: "access" is published after the task's change.
    await drainEvents(t.ctx);

    const access = await theirs.waitFor((e) => e.event === 'access');
    expect(json(access)).toEqual({});
    await theirs.ended;
    expect(changesAbout(theirs, task.id)).toEqual([]);
    await mine.waitFor(about(task.id));
    expect(mine.isEnded()).toBe(false);
    // The page's EventSource reconnects: still signed in, so a new stream opens; the page's refetch finds nothing.
    const again = await connect(guest.caller);
    expect(again.events[0]?.event).toBe('ready');
    expect((await call(t.app, 'GET', `/api/v1/workspaces/${manager.workspaceId}`, undefined, guest.caller)).statusCode).toBe(404);
    const later = await createTask(manager.caller, manager.workspaceId);
    const own = await createTask(other.caller, other.workspaceId);
    await drainEvents(t.ctx);
    await again.waitFor(about(own.id));
    expect(changesAbout(again, later.id)).toEqual([]);
  });

  it('ends the streams of a suspended person, and their reconnection is refused', async () => {
    const user = await makeEmployee(t.ctx);
    const caller = await signedIn(t, user);
    const streams = await Promise.all([connect(caller), connect(caller)]);

    const suspended = await call(t.app, 'PATCH', `/api/v1/users/${user.id}`, { status: 'suspended' }, admin);
    expect(suspended.statusCode, suspended.body).toBe(200);
    await drainEvents(t.ctx);

    for (const stream of streams) {
      await stream.waitFor((e) => e.event === 'access');
      await stream.ended;
    }
    const refused = await openStream(`${base}/api/v1/me/stream`, credentials(caller));
    await refused.ended;
    expect(refused.status).toBe(401);
  });

  it('restarts the streams of someone who joins a workspace, so their pages read what they may enter again', async () => {
    const manager = await managerWithWorkspace(t);
    const other = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, other.caller, other.workspaceId);
    await drainEvents(t.ctx);
    const stream = await connect(guest.caller);
    const invitation = await call(
      t.app,
      'POST',
      `/api/v1/workspaces/${manager.workspaceId}/invitations`,
      { email: guest.email, role: 'guest' },
      manager.caller,
    );
    expect(invitation.statusCode, invitation.body).toBe(201);
    const token = String(invitation.json().acceptUrl).split('#token=')[1];
    const joined = await call(t.app, 'POST', `/api/v1/invitations/${token}/accept`, { password: guest.password }, guest.caller);
    expect(joined.statusCode, joined.body).toBe(200);
    await drainEvents(t.ctx);
    await stream.waitFor((e) => e.event === 'access');
    await stream.ended;
    const again = await connect(guest.caller);
    expect(again.events[0]?.event).toBe('ready');
  });

  it('ends guests’ streams at once when the extranet is switched off, with "access"; employees’ stay open', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    await drainEvents(t.ctx);
    const [mine, theirs] = await Promise.all([connect(manager.caller), connect(guest.caller)]);
    try {
      await setPolicy(t, admin, { extranetEnabled: false });
      await drainEvents(t.ctx);
      await theirs.waitFor((e) => e.event === 'access');
      await theirs.ended;
      const refused = await openStream(`${base}/api/v1/me/stream`, credentials(guest.caller));
      await refused.ended;
      expect(refused.status).toBe(403);
      const task = await createTask(manager.caller, manager.workspaceId);
      await drainEvents(t.ctx);
      await mine.waitFor(about(task.id));
      expect(mine.events.some((e) => e.event === 'access')).toBe(false);
      expect(mine.isEnded()).toBe(false);
    } finally {
      await setPolicy(t, admin, { extranetEnabled: true });
    }
  });

  it('tells every open stream to read again when its process may have missed messages', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    await drainEvents(t.ctx);
    const streams = await Promise.all([connect(manager.caller), connect(guest.caller)]);
    await t.ctx.bus.publish({ type: 'resync' });
    for (const stream of streams) expect(json(await stream.waitFor((e) => e.event === 'resync'))).toEqual({});
    for (const stream of streams) expect(stream.isEnded()).toBe(false);
  });

  it('ends the stream of a session that signs out at once, not at the next keep-alive', async () => {
    const user = await makeEmployee(t.ctx);
    const caller = await signedIn(t, user);
    const stream = await connect(caller);
    const out = await call(t.app, 'POST', '/api/v1/auth/logout', undefined, caller);
    expect(out.statusCode, out.body).toBe(204);
    await drainEvents(t.ctx);
    await stream.waitFor((e) => e.event === 'access');
    await stream.ended;
    const refused = await openStream(`${base}/api/v1/me/stream`, credentials(caller));
    await refused.ended;
    expect(refused.status).toBe(401);
  });
});
