import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_LIMITS } from '../../src/shared/comments.js';
import { createFolder, employeeIn, uploadFile } from '../support/documents.js';
import { makeEmployee } from '../support/factories.js';
import { type Caller, call } from '../support/http-client.js';
import { createTask } from '../support/tasks.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  adminCaller,
  auditOf,
  enableExtranet,
  errorPaths,
  inviteAndAccept,
  managerWithWorkspace,
  signedIn,
  unique,
  type WorkspaceBody,
} from '../support/workspaces.js';

// Comments with @mentions on tasks, notes and documents: who reads, who writes, whom one may mention.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await enableExtranet(t, await adminCaller(t));
});
afterAll(async () => {
  await t.close();
});

type Kind = 'tasks' | 'notes' | 'documents' | 'activities';

interface CommentJson {
  id: string;
  targetType: string;
  targetId: string;
  workspaceId: string;
  body: string;
  author: { id: string; name: string } | null;
  mentions: { id: string; name: string }[];
  createdAt: string;
  editedAt: string | null;
  abilities: string[];
}

const MISSING = 'doesnotexist0000000000';

const postComment = (caller: Caller, kind: Kind, id: string, body: unknown) =>
  call(t.app, 'POST', `/api/v1/${kind}/${id}/comments`, body, caller);

async function comment(caller: Caller, kind: Kind, id: string, body: { body: string; mentionIds?: string[] }): Promise<CommentJson> {
  const response = await postComment(caller, kind, id, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as CommentJson;
}

const listResponse = (caller: Caller, kind: Kind, id: string, query = '') =>
  call(t.app, 'GET', `/api/v1/${kind}/${id}/comments${query ? `?${query}` : ''}`, undefined, caller);

async function thread(caller: Caller, kind: Kind, id: string): Promise<CommentJson[]> {
  const response = await listResponse(caller, kind, id);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as CommentJson[];
}

const pickerResponse = (caller: Caller, kind: Kind, id: string, q?: string) =>
  call(t.app, 'GET', `/api/v1/${kind}/${id}/mentionable${q !== undefined ? `?q=${encodeURIComponent(q)}` : ''}`, undefined, caller);

/** The ids the mention picker offers `caller` on the item. */
async function offered(caller: Caller, kind: Kind, id: string, q?: string): Promise<string[]> {
  const response = await pickerResponse(caller, kind, id, q);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as { id: string }[]).map((p) => p.id);
}

/** A workspace with a manager, an employee member and a guest (all signed in). */
async function team(body: WorkspaceBody = {}) {
  const manager = await managerWithWorkspace(t, body);
  const member = await employeeIn(t, manager.workspaceId);
  const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
  return { manager, member, guest, workspaceId: manager.workspaceId };
}

async function note(caller: Caller, workspaceId: string, visibility: 'shared' | 'internal') {
  const response = await call(
    t.app,
    'POST',
    `/api/v1/workspaces/${workspaceId}/notes`,
    { title: unique('Note '), body: 'Text', visibility },
    caller,
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string };
}

describe('comments on tasks', () => {
  it('lets the employees and the guest of a shared task comment and mention each other, oldest first, each change audited', async () => {
    const { manager, member, guest, workspaceId } = await team();
    const task = await createTask(t, manager.caller, workspaceId, { title: 'Replace the seal' });

    // The picker offers everyone who sees the task, never the author themselves.
    const offer = await offered(manager.caller, 'tasks', task.id);
    expect(offer.sort()).toEqual([member.id, guest.id].sort());

    const first = await comment(manager.caller, 'tasks', task.id, {
      body: '@guest can you **confirm** the size?',
      mentionIds: [guest.id, member.id],
    });
    expect(first).toMatchObject({
      targetType: 'task',
      targetId: task.id,
      workspaceId,
      body: '@guest can you **confirm** the size?',
      author: { id: manager.id, name: manager.name },
      editedAt: null,
      abilities: ['read', 'update', 'delete'],
    });
    expect(first.mentions.map((m) => m.id).sort()).toEqual([member.id, guest.id].sort());
    expect(first.mentions.find((m) => m.id === member.id)?.name).toBe(member.name);

    const reply = await comment(guest.caller, 'tasks', task.id, { body: 'Yes, 42 mm.', mentionIds: [] });
    expect(reply).toMatchObject({ author: { id: guest.id, name: guest.name }, mentions: [], abilities: ['read', 'update', 'delete'] });

    const asGuest = await thread(guest.caller, 'tasks', task.id);
    expect(asGuest.map((c) => c.id)).toEqual([first.id, reply.id]);
    // The guest reads the manager's comment; deleting it is not theirs to do.
    expect(asGuest[0]?.abilities).toEqual(['read']);
    // The manager may delete the guest's comment, not rewrite it.
    const asManager = await thread(manager.caller, 'tasks', task.id);
    expect(asManager[1]?.abilities).toEqual(['read', 'delete']);
    // The task's own JSON is unchanged.
    const read = await call(t.app, 'GET', `/api/v1/tasks/${task.id}`, undefined, guest.caller);
    expect(read.json()).not.toHaveProperty('comments');

    const audit = await auditOf(t, 'comment.created', first.id);
    expect(audit).toEqual([expect.objectContaining({ actor_id: manager.id, target_type: 'comment', workspace_id: workspaceId })]);
    expect(JSON.parse(audit[0]?.details ?? '{}')).toEqual({
      targetType: 'task',
      targetId: task.id,
      mentionIds: [guest.id, member.id],
    });
    expect(await auditOf(t, 'comment.created', reply.id)).toHaveLength(1);
  });

  it('never offers or accepts a guest on an internal task, and hides its comments from the guest exactly like a missing task', async () => {
    const { manager, member, guest, workspaceId } = await team();
    const internal = await createTask(t, manager.caller, workspaceId, { title: 'Margin check', visibility: 'internal' });

    expect(await offered(manager.caller, 'tasks', internal.id)).toEqual([member.id]);
    expect(await offered(manager.caller, 'tasks', internal.id, guest.name)).toEqual([]);

    const refused = await postComment(manager.caller, 'tasks', internal.id, { body: 'Look', mentionIds: [member.id, guest.id] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ path: '/mentionIds/1', message: 'is not someone you may mention here' }]);
    // An unknown id gets the very same answer: the refusal reveals nothing.
    const unknown = await postComment(manager.caller, 'tasks', internal.id, { body: 'Look', mentionIds: [MISSING] });
    expect(unknown.json().errors).toEqual([{ path: '/mentionIds/0', message: 'is not someone you may mention here' }]);
    // Nothing was written.
    expect(await thread(manager.caller, 'tasks', internal.id)).toEqual([]);

    await comment(manager.caller, 'tasks', internal.id, { body: 'Internal only', mentionIds: [member.id] });
    const hidden = await listResponse(guest.caller, 'tasks', internal.id);
    const missing = await listResponse(guest.caller, 'tasks', MISSING);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(missing.body);
    for (const response of [
      await postComment(guest.caller, 'tasks', internal.id, { body: 'Hello?' }),
      await pickerResponse(guest.caller, 'tasks', internal.id),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.body).toBe(missing.body);
    }
  });

  it('refuses guests where the workspace turns commenting off, and read-only viewers always; both still read', async () => {
    const { manager, guest, workspaceId } = await team({ guestSettings: { comment: false } });
    const viewer = await inviteAndAccept(t, manager.caller, workspaceId, { role: 'viewer' });
    const task = await createTask(t, manager.caller, workspaceId, { title: 'Paint the hall' });
    await comment(manager.caller, 'tasks', task.id, { body: 'Colour: white' });

    for (const caller of [guest.caller, viewer.caller]) {
      expect((await postComment(caller, 'tasks', task.id, { body: 'Blue?' })).statusCode).toBe(403);
      expect((await pickerResponse(caller, 'tasks', task.id)).statusCode).toBe(403);
      expect((await thread(caller, 'tasks', task.id)).map((c) => c.body)).toEqual(['Colour: white']);
    }
    const workspace = (await call(t.app, 'GET', `/api/v1/workspaces/${workspaceId}`, undefined, guest.caller)).json();
    expect(workspace.abilities).not.toContain('comment');

    // Turned back on: the guest comments; the viewer still may not.
    const changed = await call(t.app, 'PATCH', `/api/v1/workspaces/${workspaceId}`, { guestSettings: { comment: true } }, manager.caller);
    expect(changed.statusCode, changed.body).toBe(200);
    await comment(guest.caller, 'tasks', task.id, { body: 'Blue?' });
    expect((await postComment(viewer.caller, 'tasks', task.id, { body: 'Green?' })).statusCode).toBe(403);
    expect((await call(t.app, 'GET', `/api/v1/workspaces/${workspaceId}`, undefined, guest.caller)).json().abilities).toContain('comment');
  });

  it('offers and accepts only people the author may see under the directory rule', async () => {
    // The members list is hidden from guests: a guest sees only employees marked visible to all guests.
    const { manager, member, guest, workspaceId } = await team({ guestSettings: { seeMembers: false } });
    const visible = await employeeIn(t, workspaceId);
    await t.ctx.db.updateTable('users').set({ visible_to_guests: 1 }).where('id', '=', visible.id).execute();
    const task = await createTask(t, manager.caller, workspaceId, { title: 'Fit the pump' });

    // The guest is offered the visible employee only; the member (hidden from guests) is neither offered nor accepted.
    expect(await offered(guest.caller, 'tasks', task.id)).toEqual([visible.id]);
    expect(await offered(guest.caller, 'tasks', task.id, member.name)).toEqual([]);
    expect(await offered(guest.caller, 'tasks', task.id, member.email)).toEqual([]);
    const hidden = await postComment(guest.caller, 'tasks', task.id, { body: 'Ping', mentionIds: [member.id] });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().errors).toEqual([{ path: '/mentionIds/0', message: 'is not someone you may mention here' }]);
    const ok = await comment(guest.caller, 'tasks', task.id, { body: 'Ping', mentionIds: [visible.id] });
    expect(ok.mentions).toEqual([{ id: visible.id, name: visible.name }]);

    // A guest of another workspace is no one to mention here, and neither is an employee outside the workspace.
    const other = await managerWithWorkspace(t);
    const stranger = await inviteAndAccept(t, other.caller, other.workspaceId);
    const outsider = await makeEmployee(t.ctx, { name: unique('Outsider ') });
    expect(await offered(manager.caller, 'tasks', task.id, stranger.name)).toEqual([]);
    expect(await offered(manager.caller, 'tasks', task.id, outsider.name)).toEqual([]);
    const refused = await postComment(manager.caller, 'tasks', task.id, { body: 'Hi', mentionIds: [guest.id, stranger.id, outsider.id] });
    expect(refused.statusCode).toBe(400);
    expect(errorPaths(refused)).toEqual(['/mentionIds/1']);

    // The search finds by name or e-mail, among the people offered.
    expect(await offered(manager.caller, 'tasks', task.id, visible.name.slice(0, 12))).toEqual([visible.id]);
    expect(await offered(manager.caller, 'tasks', task.id, guest.email.toUpperCase())).toEqual([guest.id]);
    expect(await offered(manager.caller, 'tasks', task.id, '%')).toEqual([]);
  });

  it('lets only the author edit, and the author or a manager delete; a deleted comment leaves the thread', async () => {
    const { manager, member, guest, workspaceId } = await team();
    const task = await createTask(t, manager.caller, workspaceId, { title: 'Order parts' });
    const mine = await comment(member.caller, 'tasks', task.id, { body: 'I will order them', mentionIds: [guest.id] });

    const edited = await call(t.app, 'PATCH', `/api/v1/comments/${mine.id}`, { body: 'I ordered them' }, member.caller);
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ body: 'I ordered them', editedAt: expect.any(String), mentions: [{ id: guest.id }] });
    const remention = await call(t.app, 'PATCH', `/api/v1/comments/${mine.id}`, { body: 'I ordered them', mentionIds: [] }, member.caller);
    expect(remention.json().mentions).toEqual([]);
    const audit = await auditOf(t, 'comment.updated', mine.id);
    expect(audit.map((a) => JSON.parse(a.details).mentionIds)).toEqual(expect.arrayContaining([[guest.id], []]));
    // The same text again changes nothing and records nothing.
    await call(t.app, 'PATCH', `/api/v1/comments/${mine.id}`, { body: 'I ordered them' }, member.caller);
    expect(await auditOf(t, 'comment.updated', mine.id)).toHaveLength(2);

    // Not the author: neither the manager nor the guest rewrites it; the guest may not delete it either.
    for (const caller of [manager.caller, guest.caller])
      expect((await call(t.app, 'PATCH', `/api/v1/comments/${mine.id}`, { body: 'Changed' }, caller)).statusCode).toBe(403);
    expect((await call(t.app, 'DELETE', `/api/v1/comments/${mine.id}`, undefined, guest.caller)).statusCode).toBe(403);

    // The guest deletes their own comment; the manager deletes the member's.
    const guestComment = await comment(guest.caller, 'tasks', task.id, { body: 'Thanks' });
    expect((await call(t.app, 'DELETE', `/api/v1/comments/${guestComment.id}`, undefined, member.caller)).statusCode).toBe(403);
    expect((await call(t.app, 'DELETE', `/api/v1/comments/${guestComment.id}`, undefined, guest.caller)).statusCode).toBe(204);
    expect((await call(t.app, 'DELETE', `/api/v1/comments/${mine.id}`, undefined, manager.caller)).statusCode).toBe(204);
    expect(await thread(manager.caller, 'tasks', task.id)).toEqual([]);
    // Gone for everyone, the author included.
    expect((await call(t.app, 'PATCH', `/api/v1/comments/${mine.id}`, { body: 'Back' }, member.caller)).statusCode).toBe(404);
    expect((await call(t.app, 'DELETE', `/api/v1/comments/${mine.id}`, undefined, manager.caller)).statusCode).toBe(404);
    expect(await auditOf(t, 'comment.deleted', mine.id)).toEqual([
      expect.objectContaining({ actor_id: manager.id, target_type: 'comment', workspace_id: workspaceId }),
    ]);
    expect(await auditOf(t, 'comment.deleted', guestComment.id)).toEqual([expect.objectContaining({ actor_id: guest.id })]);
  });

  it('keeps the thread of an archived workspace readable and answers every change with 409', async () => {
    const { manager, guest, workspaceId } = await team();
    const task = await createTask(t, manager.caller, workspaceId, { title: 'Close the site' });
    const before = await comment(manager.caller, 'tasks', task.id, { body: 'Last call' });
    expect((await call(t.app, 'POST', `/api/v1/workspaces/${workspaceId}/archive`, undefined, manager.caller)).statusCode).toBe(200);

    expect((await postComment(manager.caller, 'tasks', task.id, { body: 'Too late' })).statusCode).toBe(409);
    expect((await postComment(guest.caller, 'tasks', task.id, { body: 'Too late' })).statusCode).toBe(409);
    expect((await call(t.app, 'PATCH', `/api/v1/comments/${before.id}`, { body: 'Edited' }, manager.caller)).statusCode).toBe(409);
    expect((await call(t.app, 'DELETE', `/api/v1/comments/${before.id}`, undefined, manager.caller)).statusCode).toBe(409);
    const archived = await thread(manager.caller, 'tasks', task.id);
    expect(archived).toEqual([expect.objectContaining({ id: before.id, body: 'Last call', abilities: ['read'] })]);
  });

  it('pages the thread oldest first with a cursor', async () => {
    const { manager, workspaceId } = await team();
    const task = await createTask(t, manager.caller, workspaceId, { title: 'Long discussion' });
    const ids: string[] = [];
    for (let i = 1; i <= 5; i += 1) ids.push((await comment(manager.caller, 'tasks', task.id, { body: `Comment ${i}` })).id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await listResponse(
        manager.caller,
        'tasks',
        task.id,
        `limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json() as { items: CommentJson[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((c) => c.id));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
    const all = await thread(manager.caller, 'tasks', task.id);
    expect(all.map((c) => c.body)).toEqual(['Comment 1', 'Comment 2', 'Comment 3', 'Comment 4', 'Comment 5']);

    const bad = await listResponse(manager.caller, 'tasks', task.id, 'cursor=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(errorPaths(bad)).toEqual(['/querystring/cursor']);
    expect(errorPaths(await listResponse(manager.caller, 'tasks', task.id, 'limit=201'))).toEqual(['/querystring/limit']);
  });

  it('answers bad input with a problem document naming the field, and an unknown item with 404', async () => {
    const { manager, workspaceId } = await team();
    const task = await createTask(t, manager.caller, workspaceId, { title: 'Validate me' });
    const cases: [unknown, string][] = [
      [{ body: '' }, '/body'],
      [{ body: '   \n ' }, '/body'],
      [{ body: 'x'.repeat(COMMENT_LIMITS.body + 1) }, '/body'],
      [{}, '/body'],
      [{ body: 'Hi', mentionIds: Array.from({ length: COMMENT_LIMITS.mentions + 1 }, (_, i) => `id${i}`) }, '/mentionIds'],
      [{ body: 'Hi', mentionIds: ['not an id!'] }, '/mentionIds/0'],
    ];
    for (const [body, path] of cases) {
      const response = await postComment(manager.caller, 'tasks', task.id, body);
      expect(response.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(errorPaths(response)).toContain(path);
    }
    expect(await thread(manager.caller, 'tasks', task.id)).toEqual([]);
    const exactly = await postComment(manager.caller, 'tasks', task.id, { body: 'x'.repeat(COMMENT_LIMITS.body) });
    expect(exactly.statusCode).toBe(201);
    const edit = await call(t.app, 'PATCH', `/api/v1/comments/${exactly.json().id}`, { body: ' ' }, manager.caller);
    expect(edit.statusCode).toBe(400);
    expect(errorPaths(edit)).toEqual(['/body']);

    for (const kind of ['tasks', 'notes', 'documents', 'activities'] as const) {
      const missing = await postComment(manager.caller, kind, MISSING, { body: 'Hello' });
      expect(missing.statusCode, kind).toBe(404);
      expect((await listResponse(manager.caller, kind, MISSING)).statusCode, kind).toBe(404);
    }
    expect((await call(t.app, 'PATCH', `/api/v1/comments/${MISSING}`, { body: 'Hi' }, manager.caller)).statusCode).toBe(404);
    expect((await call(t.app, 'DELETE', `/api/v1/comments/${MISSING}`, undefined, manager.caller)).statusCode).toBe(404);
  });
});

describe('comments on notes and documents', () => {
  it('lets the guest comment on a shared note and never reach an internal one', async () => {
    const { manager, member, guest, workspaceId } = await team();
    const shared = await note(manager.caller, workspaceId, 'shared');
    const internal = await note(manager.caller, workspaceId, 'internal');

    expect((await offered(manager.caller, 'notes', shared.id)).sort()).toEqual([member.id, guest.id].sort());
    expect(await offered(manager.caller, 'notes', internal.id)).toEqual([member.id]);
    await comment(guest.caller, 'notes', shared.id, { body: 'Read it' });
    const refused = await postComment(manager.caller, 'notes', internal.id, { body: 'Psst', mentionIds: [guest.id] });
    expect(errorPaths(refused)).toEqual(['/mentionIds/0']);
    await comment(manager.caller, 'notes', internal.id, { body: 'Psst' });

    const missing = await listResponse(guest.caller, 'notes', MISSING);
    const hidden = await listResponse(guest.caller, 'notes', internal.id);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(missing.body);
    expect((await thread(member.caller, 'notes', internal.id)).map((c) => c.body)).toEqual(['Psst']);
  });

  it('keeps the comments on a document in an internal folder from the guest, and offers the guest only where they see the document', async () => {
    const { manager, member, guest, workspaceId } = await team();
    const sharedFolder = await createFolder(t, manager.caller, workspaceId, { visibility: 'shared', guestAccess: 'view' });
    const internalFolder = await createFolder(t, manager.caller, workspaceId, { visibility: 'internal' });
    const open = await uploadFile(t, manager.caller, sharedFolder.id, 'plan.txt', 'the plan');
    const secret = await uploadFile(t, manager.caller, internalFolder.id, 'margin.txt', 'the margin');

    expect((await offered(manager.caller, 'documents', open.id)).sort()).toEqual([member.id, guest.id].sort());
    expect(await offered(manager.caller, 'documents', secret.id)).toEqual([member.id]);
    await comment(guest.caller, 'documents', open.id, { body: 'Page 2 is wrong', mentionIds: [] });
    const note = await comment(manager.caller, 'documents', secret.id, { body: 'Do not share', mentionIds: [member.id] });
    expect(note.targetType).toBe('document');

    const missing = await listResponse(guest.caller, 'documents', MISSING);
    const hidden = await listResponse(guest.caller, 'documents', secret.id);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(missing.body);
    expect((await call(t.app, 'PATCH', `/api/v1/comments/${note.id}`, { body: 'x' }, guest.caller)).body).toBe(
      (await call(t.app, 'PATCH', `/api/v1/comments/${MISSING}`, { body: 'x' }, guest.caller)).body,
    );
    expect((await thread(guest.caller, 'documents', open.id)).map((c) => c.body)).toEqual(['Page 2 is wrong']);
    expect((await thread(member.caller, 'documents', secret.id)).map((c) => c.body)).toEqual(['Do not share']);
  });

  it('keeps the comments on an internal planned activity from the guest, and offers the guest only on a shared one', async () => {
    const { manager, member, guest, workspaceId } = await team();
    const plan = async (visibility: 'shared' | 'internal') => {
      const response = await call(
        t.app,
        'POST',
        `/api/v1/workspaces/${workspaceId}/activities`,
        { title: unique('Site visit '), startsAt: '2026-11-23T09:00:00Z', endsAt: '2026-11-23T10:00:00Z', visibility },
        manager.caller,
      );
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as { id: string };
    };
    const shared = await plan('shared');
    const internal = await plan('internal');

    expect((await offered(manager.caller, 'activities', shared.id)).sort()).toEqual([member.id, guest.id].sort());
    expect(await offered(manager.caller, 'activities', internal.id)).toEqual([member.id]);
    await comment(guest.caller, 'activities', shared.id, { body: 'I will bring the keys' });
    await comment(manager.caller, 'activities', internal.id, { body: 'Budget talk after', mentionIds: [member.id] });
    const hidden = await listResponse(guest.caller, 'activities', internal.id);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe((await listResponse(guest.caller, 'activities', MISSING)).body);
    expect((await thread(member.caller, 'activities', shared.id)).map((c) => c.body)).toEqual(['I will bring the keys']);
  });

  it('treats an employee outside the workspace like a missing item', async () => {
    const { manager, workspaceId } = await team();
    const task = await createTask(t, manager.caller, workspaceId, { title: 'Private to the team' });
    const outsider = await makeEmployee(t.ctx, { name: unique('Outsider ') });
    const caller = await signedIn(t, outsider);
    const hidden = await listResponse(caller, 'tasks', task.id);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe((await listResponse(caller, 'tasks', MISSING)).body);
  });
});
