import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/server/lib/ids.js';
import { makeEmployee } from '../support/factories.js';
import { type Caller, call } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  addMember,
  adminCaller,
  enableExtranet,
  errorPaths,
  inviteAndAccept,
  managerWithWorkspace,
  signedIn,
  unique,
} from '../support/workspaces.js';

// The rules of notes through the API, on a real database (run once per engine): who may write, who
// reads what (shared or internal), every saved state kept, If-Match, restore, archived workspaces and
// the audit trail.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await enableExtranet(t, await adminCaller(t));
});
afterAll(async () => {
  await t.close();
});

interface Note {
  id: string;
  workspaceId: string;
  title: string;
  body: string;
  visibility: 'shared' | 'internal';
  version: number;
  updatedBy: { id: string; name: string } | null;
  updatedAt: string;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  abilities: string[];
}

interface Version {
  id: string;
  number: number;
  title: string;
  body: string;
  visibility: 'shared' | 'internal';
  editedBy: { id: string; name: string } | null;
  restoredFrom: number | null;
  createdAt: string;
}

const notesUrl = (workspaceId: string) => `/api/v1/workspaces/${workspaceId}/notes`;
const postNote = (caller: Caller, workspaceId: string, body: unknown) => call(t.app, 'POST', notesUrl(workspaceId), body, caller);
const getNote = (caller: Caller, id: string) => call(t.app, 'GET', `/api/v1/notes/${id}`, undefined, caller);
const getHistory = (caller: Caller, id: string) => call(t.app, 'GET', `/api/v1/notes/${id}/versions`, undefined, caller);
const getList = (caller: Caller, workspaceId: string) => call(t.app, 'GET', notesUrl(workspaceId), undefined, caller);
const save = (caller: Caller, id: string, body: unknown, headers: Record<string, string> = {}) =>
  call(t.app, 'PATCH', `/api/v1/notes/${id}`, body, caller, headers);
const restore = (caller: Caller, id: string, versionId: string) =>
  call(t.app, 'POST', `/api/v1/notes/${id}/versions/${versionId}/restore`, undefined, caller);

async function createNote(caller: Caller, workspaceId: string, body: { title: string; body: string; visibility?: string }) {
  const response = await postNote(caller, workspaceId, body);
  expect(response.statusCode, response.body).toBe(201);
  return { ...(response.json() as Note), etag: response.headers.etag as string };
}

async function noteAs(caller: Caller, id: string): Promise<Note> {
  const response = await getNote(caller, id);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function historyAs(caller: Caller, id: string): Promise<Version[]> {
  const response = await getHistory(caller, id);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}

async function listAs(caller: Caller, workspaceId: string): Promise<Note[]> {
  const response = await getList(caller, workspaceId);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}

const titles = (items: { title: string }[]) => items.map((n) => n.title);

/** What a caller gets for a note id that was never created. */
const missingNote = (caller: Caller) => getNote(caller, newId());

/** Every audit row about one note, by action. */
async function auditTrail(noteId: string) {
  const rows = await t.ctx.db
    .selectFrom('audit_events')
    .select(['action', 'actor_id', 'workspace_id', 'target_type', 'details'])
    .where('target_id', '=', noteId)
    .execute();
  return rows
    .filter((r) => r.action.startsWith('note.'))
    .map((r) => ({ ...r, details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details }))
    .sort((a, b) => a.action.localeCompare(b.action));
}

/** An employee added to the workspace as a plain member, signed in. */
async function employeeMember(workspaceId: string) {
  const user = await makeEmployee(t.ctx, { name: unique('Employee '), email: `${unique('employee-')}@company.example` });
  await addMember(t, workspaceId, user.id, 'member');
  return { ...user, caller: await signedIn(t, user) };
}

/** A workspace with its manager, a plain employee member, a guest and a read-only viewer. */
async function team() {
  const manager = await managerWithWorkspace(t);
  const member = await employeeMember(manager.workspaceId);
  const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
  const viewer = await inviteAndAccept(t, manager.caller, manager.workspaceId, { role: 'viewer' });
  return { manager, member, guest, viewer, workspaceId: manager.workspaceId };
}

describe('writing a note', () => {
  it('refuses a blank title, a body over 100,000 characters and NUL characters with 400 naming the field, and writes nothing', async () => {
    const { manager, workspaceId } = await team();
    const attempts: [string, unknown, string][] = [
      ['empty title', { title: '', body: 'x' }, '/title'],
      ['blank title', { title: ' \t\n ', body: 'x' }, '/title'],
      ['missing title', { body: 'x' }, '/title'],
      ['body too long', { title: 'Long', body: 'x'.repeat(100_001) }, '/body'],
      ['NUL in the body', { title: 'Nul', body: 'before\u0000after' }, '/body'],
      ['NUL in the title', { title: 'Nul\u0000', body: 'x' }, '/title'],
      ['unknown visibility', { title: 'Odd', body: 'x', visibility: 'public' }, '/visibility'],
    ];
    for (const [label, body, path] of attempts) {
      const response = await postNote(manager.caller, workspaceId, body);
      expect(response.statusCode, label).toBe(400);
      expect(response.headers['content-type'], label).toMatch(/^application\/problem\+json/);
      expect(errorPaths(response), label).toContain(path);
    }
    expect(await listAs(manager.caller, workspaceId)).toEqual([]);
  });

  it('shares a note with guests unless told otherwise, accepts an empty body and one of exactly 100,000 characters, and trims the title', async () => {
    const { manager, guest, workspaceId } = await team();
    const blank = await createNote(manager.caller, workspaceId, { title: '  Agenda  ', body: '' });
    expect(blank).toMatchObject({
      title: 'Agenda',
      body: '',
      visibility: 'shared',
      version: 1,
      createdBy: { id: manager.id, name: manager.name },
      updatedBy: { id: manager.id, name: manager.name },
    });
    expect(blank.updatedAt).toBe(blank.createdAt);
    const longest = 'é'.repeat(100_000);
    const full = await createNote(manager.caller, workspaceId, { title: 'Full', body: longest });
    expect((await noteAs(manager.caller, full.id)).body).toBe(longest);

    // Shared by default means the guest reads it, with its first and only version.
    expect(await noteAs(guest.caller, blank.id)).toMatchObject({ title: 'Agenda', body: '', visibility: 'shared' });
    const history = await historyAs(guest.caller, blank.id);
    expect(history.map((v) => [v.number, v.title, v.body, v.visibility, v.editedBy?.id, v.restoredFrom])).toEqual([
      [1, 'Agenda', '', 'shared', manager.id, null],
    ]);
  });

  it("refuses guests and viewers (403) and anyone outside the workspace (404, like a workspace that doesn't exist)", async () => {
    const { manager, guest, viewer, workspaceId } = await team();
    const body = { title: 'Not theirs', body: 'x' };
    expect((await postNote(guest.caller, workspaceId, body)).statusCode).toBe(403);
    expect((await postNote(viewer.caller, workspaceId, body)).statusCode).toBe(403);

    const other = await managerWithWorkspace(t);
    const otherGuest = await inviteAndAccept(t, other.caller, other.workspaceId);
    const missing = await postNote(other.caller, newId(), body);
    expect(missing.statusCode).toBe(404);
    for (const [label, caller] of [
      ['employee of another workspace', other.caller],
      ['guest of another workspace', otherGuest.caller],
    ] as const) {
      const response = await postNote(caller, workspaceId, body);
      expect(response.statusCode, label).toBe(404);
      expect(response.body, label).toBe(missing.body);
      expect((await getList(caller, workspaceId)).body, label).toBe((await call(t.app, 'GET', notesUrl(newId()), undefined, caller)).body);
    }
    expect(await listAs(manager.caller, workspaceId)).toEqual([]);
  });
});

describe('reading notes', () => {
  it('shows guests and viewers the shared notes only, hides internal ones like missing ones, and shows employees everything', async () => {
    const { manager, member, guest, viewer, workspaceId } = await team();
    const shared = await createNote(manager.caller, workspaceId, { title: 'Opening hours', body: 'Mon–Fri' });
    const internal = await createNote(manager.caller, workspaceId, { title: 'Margins', body: 'secret', visibility: 'internal' });
    const elsewhere = await managerWithWorkspace(t);
    const foreign = await createNote(elsewhere.caller, elsewhere.workspaceId, { title: 'Foreign', body: 'not yours' });

    for (const [label, reader] of [
      ['guest', guest],
      ['viewer', viewer],
    ] as const) {
      expect(titles(await listAs(reader.caller, workspaceId)), label).toEqual(['Opening hours']);
      const read = await noteAs(reader.caller, shared.id);
      expect(read, label).toMatchObject({ title: 'Opening hours', body: 'Mon–Fri', abilities: ['read', 'read_history'] });
      const missing = await missingNote(reader.caller);
      expect(missing.statusCode, label).toBe(404);
      for (const id of [internal.id, foreign.id]) {
        const hidden = await getNote(reader.caller, id);
        expect(hidden.statusCode, label).toBe(404);
        expect(hidden.body, label).toBe(missing.body);
        const history = await getHistory(reader.caller, id);
        expect(history.statusCode, label).toBe(404);
        expect(history.body, label).toBe((await getHistory(reader.caller, newId())).body);
      }
      expect(JSON.stringify(await listAs(reader.caller, workspaceId)), label).not.toContain('secret');
    }

    for (const [label, employee] of [
      ['manager', manager],
      ['member', member],
    ] as const) {
      expect(titles(await listAs(employee.caller, workspaceId)).sort(), label).toEqual(['Margins', 'Opening hours']);
      expect(await noteAs(employee.caller, internal.id), label).toMatchObject({
        body: 'secret',
        visibility: 'internal',
        abilities: ['read', 'update', 'read_history', 'restore'],
      });
      expect((await getNote(employee.caller, foreign.id)).statusCode, label).toBe(404);
    }
    // An employee of another workspace reads neither note.
    expect((await getNote(elsewhere.caller, shared.id)).body).toBe((await missingNote(elsewhere.caller)).body);
  });

  it('lists the most recently changed note first', async () => {
    const { manager, guest, workspaceId } = await team();
    const alpha = await createNote(manager.caller, workspaceId, { title: 'Alpha', body: 'Alpha' });
    const bravo = await createNote(manager.caller, workspaceId, { title: 'Bravo', body: 'Bravo' });
    const charlie = await createNote(manager.caller, workspaceId, { title: 'Charlie', body: 'Charlie' });
    // Set-up: creations a day apart, so the order never depends on the clock's resolution.
    for (const [note, day] of [
      [alpha, '01'],
      [bravo, '02'],
      [charlie, '03'],
    ] as const) {
      await t.ctx.db
        .updateTable('notes')
        .set({ updated_at: `2020-01-${day}T12:00:00.000Z` })
        .where('id', '=', note.id)
        .execute();
    }
    expect(titles(await listAs(manager.caller, workspaceId))).toEqual(['Charlie', 'Bravo', 'Alpha']);

    expect((await save(manager.caller, alpha.id, { body: 'Alpha, edited' })).statusCode).toBe(200);
    expect(titles(await listAs(manager.caller, workspaceId))).toEqual(['Alpha', 'Charlie', 'Bravo']);
    expect(titles(await listAs(guest.caller, workspaceId))).toEqual(['Alpha', 'Charlie', 'Bravo']);

    const [first] = await historyAs(manager.caller, bravo.id);
    expect((await restore(manager.caller, bravo.id, first?.id ?? '')).statusCode).toBe(200);
    const listed = await listAs(manager.caller, workspaceId);
    expect(titles(listed)).toEqual(['Bravo', 'Alpha', 'Charlie']);
    expect(listed[0]).toMatchObject({ version: 2, updatedBy: { id: manager.id } });
  });
});

describe('saving a note', () => {
  it('keeps every saved state as a new version with its editor and time', async () => {
    const { manager, member, workspaceId } = await team();
    const created = await createNote(manager.caller, workspaceId, { title: 'Site rules', body: 'Wear a helmet.' });

    const first = await save(member.caller, created.id, { body: 'Wear a helmet and boots.' }, { 'if-match': created.etag });
    expect(first.statusCode, first.body).toBe(200);
    const afterFirst = first.json() as Note;
    expect(afterFirst).toMatchObject({
      title: 'Site rules',
      body: 'Wear a helmet and boots.',
      version: 2,
      createdBy: { id: manager.id },
      updatedBy: { id: member.id, name: member.name },
    });
    expect(first.headers.etag).toBeDefined();
    expect(first.headers.etag).not.toBe(created.etag);
    expect(Date.parse(afterFirst.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.createdAt));

    const second = await save(manager.caller, created.id, { title: 'Site rules (2026)' }, { 'if-match': first.headers.etag as string });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ title: 'Site rules (2026)', body: 'Wear a helmet and boots.', version: 3 });

    const history = await historyAs(manager.caller, created.id);
    expect(history.map((v) => [v.number, v.title, v.body, v.editedBy?.id, v.restoredFrom])).toEqual([
      [3, 'Site rules (2026)', 'Wear a helmet and boots.', manager.id, null],
      [2, 'Site rules', 'Wear a helmet and boots.', member.id, null],
      [1, 'Site rules', 'Wear a helmet.', manager.id, null],
    ]);
    expect(history[1]?.createdAt).toBe(afterFirst.updatedAt);
    expect(history[0]?.createdAt).toBe(second.json().updatedAt);
    expect(history[2]?.createdAt).toBe(created.createdAt);
    expect(await noteAs(member.caller, created.id)).toMatchObject({ version: 3, updatedBy: { id: manager.id } });
  });

  it('keeps the version and records nothing when a save changes nothing', async () => {
    const { manager, member, workspaceId } = await team();
    const created = await createNote(manager.caller, workspaceId, { title: 'Same', body: 'Same body' });
    const before = await noteAs(manager.caller, created.id);
    for (const [label, body] of [
      ['nothing sent', {}],
      ['same text', { title: 'Same', body: 'Same body', visibility: 'shared' }],
      ['same title with spaces around', { title: '  Same ' }],
    ] as const) {
      const response = await save(member.caller, created.id, body, { 'if-match': created.etag });
      expect(response.statusCode, label).toBe(200);
      expect(response.headers.etag, label).toBe(created.etag);
      expect(response.json(), label).toMatchObject({ version: 1, updatedBy: { id: manager.id }, updatedAt: before.updatedAt });
    }
    expect(await noteAs(manager.caller, created.id)).toEqual(before);
    expect((await historyAs(manager.caller, created.id)).length).toBe(1);
    expect((await auditTrail(created.id)).map((r) => r.action)).toEqual(['note.created']);
  });

  it('refuses a save based on an older version with 412 and changes nothing; `*` and no If-Match are accepted', async () => {
    const { manager, member, workspaceId } = await team();
    const created = await createNote(manager.caller, workspaceId, { title: 'Plan', body: 'v1' });
    const saved = await save(member.caller, created.id, { body: 'v2' }, { 'if-match': created.etag });
    expect(saved.statusCode).toBe(200);
    const current = await noteAs(manager.caller, created.id);

    for (const [label, ifMatch] of [
      ['the creation ETag', created.etag],
      ['an ETag of another note', `"${newId()}.2"`],
      ['garbage', 'not-an-etag'],
    ] as const) {
      const stale = await save(manager.caller, created.id, { body: 'overwrite', visibility: 'internal' }, { 'if-match': ifMatch });
      expect(stale.statusCode, label).toBe(412);
      expect(stale.json().detail, label).toMatch(/Someone else saved this note/);
    }
    expect(await noteAs(manager.caller, created.id)).toEqual(current);
    expect((await historyAs(manager.caller, created.id)).map((v) => v.body)).toEqual(['v2', 'v1']);

    const star = await save(manager.caller, created.id, { body: 'v3' }, { 'if-match': '*' });
    expect(star.statusCode, star.body).toBe(200);
    expect(star.json().version).toBe(3);
    const absent = await save(manager.caller, created.id, { body: 'v4' });
    expect(absent.statusCode, absent.body).toBe(200);
    expect(absent.json().version).toBe(4);
    const listed = await save(manager.caller, created.id, { body: 'v5' }, { 'if-match': `${created.etag}, ${absent.headers.etag}` });
    expect(listed.statusCode, listed.body).toBe(200);
    expect((await historyAs(manager.caller, created.id)).map((v) => v.body)).toEqual(['v5', 'v4', 'v3', 'v2', 'v1']);
  });

  it('hides a note from guests the moment it turns internal, and shows them only the states saved while shared when it is shared again', async () => {
    const { manager, guest, viewer, workspaceId } = await team();
    const note = await createNote(manager.caller, workspaceId, { title: 'Price list', body: 'Public prices' });
    expect(titles(await listAs(guest.caller, workspaceId))).toEqual(['Price list']);

    const hidden = await save(manager.caller, note.id, { visibility: 'internal' });
    expect(hidden.statusCode, hidden.body).toBe(200);
    for (const reader of [guest, viewer]) {
      expect(await listAs(reader.caller, workspaceId)).toEqual([]);
      const read = await getNote(reader.caller, note.id);
      expect(read.statusCode).toBe(404);
      expect(read.body).toBe((await missingNote(reader.caller)).body);
      expect((await getHistory(reader.caller, note.id)).statusCode).toBe(404);
    }
    expect((await save(manager.caller, note.id, { body: 'Internal margins: 40%' })).statusCode).toBe(200);
    expect((await save(manager.caller, note.id, { body: 'Prices 2026', visibility: 'shared' })).statusCode).toBe(200);

    for (const reader of [guest, viewer]) {
      expect(titles(await listAs(reader.caller, workspaceId))).toEqual(['Price list']);
      expect(await noteAs(reader.caller, note.id)).toMatchObject({ body: 'Prices 2026', visibility: 'shared', version: 4 });
      const history = await historyAs(reader.caller, note.id);
      expect(history.map((v) => [v.number, v.body, v.visibility])).toEqual([
        [4, 'Prices 2026', 'shared'],
        [1, 'Public prices', 'shared'],
      ]);
      expect(JSON.stringify(history)).not.toContain('40%');
    }
    expect((await historyAs(manager.caller, note.id)).map((v) => [v.number, v.visibility])).toEqual([
      [4, 'shared'],
      [3, 'internal'],
      [2, 'internal'],
      [1, 'shared'],
    ]);
  });
});

describe('restoring a version', () => {
  it('makes a past state the newest version, marked with the version it came from', async () => {
    const { manager, member, guest, workspaceId } = await team();
    const note = await createNote(manager.caller, workspaceId, { title: 'Menu', body: 'Soup' });
    expect((await save(manager.caller, note.id, { title: 'Menu (new)', body: 'Salad' })).statusCode).toBe(200);
    const [, first] = await historyAs(manager.caller, note.id);

    const restored = await restore(member.caller, note.id, first?.id ?? '');
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ title: 'Menu', body: 'Soup', version: 3, updatedBy: { id: member.id } });
    expect(restored.headers.etag).toBeDefined();
    const history = await historyAs(manager.caller, note.id);
    expect(history.map((v) => [v.number, v.title, v.body, v.editedBy?.id, v.restoredFrom])).toEqual([
      [3, 'Menu', 'Soup', member.id, 1],
      [2, 'Menu (new)', 'Salad', manager.id, null],
      [1, 'Menu', 'Soup', manager.id, null],
    ]);
    expect(await noteAs(guest.caller, note.id)).toMatchObject({ title: 'Menu', body: 'Soup', version: 3 });
    // The ETag from before the restore is stale now.
    expect((await save(manager.caller, note.id, { body: 'x' }, { 'if-match': note.etag })).statusCode).toBe(412);
  });

  it("answers 404 for a version of another note or one that doesn't exist, and changes nothing", async () => {
    const { manager, workspaceId } = await team();
    const note = await createNote(manager.caller, workspaceId, { title: 'Mine', body: 'mine' });
    const other = await createNote(manager.caller, workspaceId, { title: 'Other', body: 'other' });
    const [otherVersion] = await historyAs(manager.caller, other.id);
    const before = await noteAs(manager.caller, note.id);

    const foreign = await restore(manager.caller, note.id, otherVersion?.id ?? '');
    expect(foreign.statusCode).toBe(404);
    const missing = await restore(manager.caller, note.id, newId());
    expect(missing.statusCode).toBe(404);
    expect(foreign.body).toBe(missing.body);
    expect(await noteAs(manager.caller, note.id)).toEqual(before);
    expect((await historyAs(manager.caller, note.id)).length).toBe(1);
    expect((await auditTrail(note.id)).map((r) => r.action)).toEqual(['note.created']);
  });

  it('refuses guests and viewers: 403 on a shared note they read, 404 on an internal one, like a missing note', async () => {
    const { manager, guest, viewer, workspaceId } = await team();
    const shared = await createNote(manager.caller, workspaceId, { title: 'Shared', body: 'one' });
    expect((await save(manager.caller, shared.id, { body: 'two' })).statusCode).toBe(200);
    const internal = await createNote(manager.caller, workspaceId, { title: 'Internal', body: 'one', visibility: 'internal' });
    expect((await save(manager.caller, internal.id, { body: 'two' })).statusCode).toBe(200);
    const sharedFirst = (await historyAs(manager.caller, shared.id))[1]?.id ?? '';
    const internalFirst = (await historyAs(manager.caller, internal.id))[1]?.id ?? '';

    for (const [label, reader] of [
      ['guest', guest],
      ['viewer', viewer],
    ] as const) {
      expect((await restore(reader.caller, shared.id, sharedFirst)).statusCode, label).toBe(403);
      expect((await save(reader.caller, shared.id, { body: 'theirs' })).statusCode, label).toBe(403);
      const hidden = await restore(reader.caller, internal.id, internalFirst);
      expect(hidden.statusCode, label).toBe(404);
      expect(hidden.body, label).toBe((await restore(reader.caller, newId(), newId())).body);
      const hiddenSave = await save(reader.caller, internal.id, { body: 'theirs' });
      expect(hiddenSave.statusCode, label).toBe(404);
    }
    expect((await noteAs(manager.caller, shared.id)).version).toBe(2);
    expect((await noteAs(manager.caller, internal.id)).version).toBe(2);
    expect((await auditTrail(shared.id)).map((r) => r.action)).toEqual(['note.created', 'note.updated']);
  });
});

describe('notes of an archived workspace', () => {
  it('answers 409 to writing, saving and restoring, while reading, listing and history work with abilities read and read_history only', async () => {
    const { manager, member, guest, workspaceId } = await team();
    const note = await createNote(manager.caller, workspaceId, { title: 'Minutes', body: 'first' });
    const saved = await save(manager.caller, note.id, { body: 'second' });
    expect(saved.statusCode).toBe(200);
    const [, first] = await historyAs(manager.caller, note.id);
    const archived = await call(t.app, 'POST', `/api/v1/workspaces/${workspaceId}/archive`, undefined, manager.caller);
    expect(archived.statusCode, archived.body).toBe(200);
    const before = await noteAs(manager.caller, note.id);

    const attempts: [string, () => Promise<LightMyRequestResponse>][] = [
      ['manager writes a note', () => postNote(manager.caller, workspaceId, { title: 'After', body: '' })],
      ['manager saves', () => save(manager.caller, note.id, { body: 'after' })],
      ['member saves with If-Match', () => save(member.caller, note.id, { body: 'after' }, { 'if-match': saved.headers.etag as string })],
      ['manager hides it from guests', () => save(manager.caller, note.id, { visibility: 'internal' })],
      ['manager restores', () => restore(manager.caller, note.id, first?.id ?? '')],
      ['member restores', () => restore(member.caller, note.id, first?.id ?? '')],
    ];
    for (const [label, attempt] of attempts) {
      const response = await attempt();
      expect(response.statusCode, label).toBe(409);
      expect(response.json().detail, label).toMatch(/archived/);
    }

    expect(await noteAs(manager.caller, note.id)).toEqual(before);
    expect(before.abilities).toEqual(['read', 'read_history']);
    expect((await noteAs(member.caller, note.id)).abilities).toEqual(['read', 'read_history']);
    expect((await noteAs(guest.caller, note.id)).abilities).toEqual(['read', 'read_history']);
    expect((await listAs(manager.caller, workspaceId)).map((n) => [n.title, n.abilities])).toEqual([['Minutes', ['read', 'read_history']]]);
    expect((await listAs(guest.caller, workspaceId)).map((n) => [n.title, n.abilities])).toEqual([['Minutes', ['read', 'read_history']]]);
    expect((await historyAs(guest.caller, note.id)).map((v) => v.body)).toEqual(['second', 'first']);
    expect((await historyAs(manager.caller, note.id)).map((v) => v.body)).toEqual(['second', 'first']);
    expect((await auditTrail(note.id)).map((r) => r.action)).toEqual(['note.created', 'note.updated']);
  });
});

describe('the audit trail of notes', () => {
  it('records creation, each save and each restore with actor and workspace, and nothing for a refused save', async () => {
    const { manager, member, guest, workspaceId } = await team();
    const note = await createNote(manager.caller, workspaceId, { title: 'Audited', body: 'one', visibility: 'internal' });
    const saved = await save(member.caller, note.id, { body: 'two', visibility: 'shared' }, { 'if-match': note.etag });
    expect(saved.statusCode).toBe(200);

    // Refused saves: stale, blank title, NUL, a guest, and a body too long.
    const refused: [string, () => Promise<LightMyRequestResponse>, number][] = [
      ['stale', () => save(manager.caller, note.id, { body: 'three' }, { 'if-match': note.etag }), 412],
      ['blank title', () => save(manager.caller, note.id, { title: '   ' }), 400],
      ['NUL', () => save(manager.caller, note.id, { body: 'a\u0000b' }), 400],
      ['too long', () => save(manager.caller, note.id, { body: 'x'.repeat(100_001) }), 400],
      ['guest', () => save(guest.caller, note.id, { body: 'three' }), 403],
    ];
    for (const [label, attempt, status] of refused) {
      const response = await attempt();
      expect(response.statusCode, label).toBe(status);
    }
    const [, first] = await historyAs(manager.caller, note.id);
    expect((await restore(manager.caller, note.id, first?.id ?? '')).statusCode).toBe(200);

    const trail = await auditTrail(note.id);
    const base = { target_type: 'note', workspace_id: workspaceId };
    expect(trail).toEqual([
      { ...base, action: 'note.created', actor_id: manager.id, details: { title: 'Audited', visibility: 'internal' } },
      { ...base, action: 'note.restored', actor_id: manager.id, details: { version: 3, restoredFrom: 1 } },
      { ...base, action: 'note.updated', actor_id: member.id, details: { version: 2, title: 'Audited', visibility: 'shared' } },
    ]);
    expect(await noteAs(manager.caller, note.id)).toMatchObject({ version: 3, body: 'one', visibility: 'shared' });
  });

  it('answers the errors of a save naming the field', async () => {
    const { manager, workspaceId } = await team();
    const note = await createNote(manager.caller, workspaceId, { title: 'Fields', body: 'x' });
    expect(errorPaths(await save(manager.caller, note.id, { title: '' }))).toContain('/title');
    expect(errorPaths(await save(manager.caller, note.id, { title: 'a\u0000' }))).toContain('/title');
    expect(errorPaths(await save(manager.caller, note.id, { body: 'a\u0000' }))).toContain('/body');
    expect(errorPaths(await save(manager.caller, note.id, { body: 'x'.repeat(100_001) }))).toContain('/body');
    expect(errorPaths(await save(manager.caller, note.id, { visibility: 'everyone' }))).toContain('/visibility');
    expect((await noteAs(manager.caller, note.id)).version).toBe(1);
  });
});
