import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/server/lib/ids.js';
import { makeAdmin, makeEmployee, makeGuest } from '../support/factories.js';
import { type Caller, call, signIn } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signedIn(await makeAdmin(t.ctx));
  expect((await call(t.app, 'PATCH', '/api/v1/settings', { extranetEnabled: true }, admin)).statusCode).toBe(200);
});
afterAll(async () => {
  await t.close();
});

interface Topic {
  id: string;
  name: string;
  workspaceCount: number;
  abilities: string[];
}

const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
const errorPaths = (response: LightMyRequestResponse) => (response.json().errors as { path: string }[]).map((e) => e.path);

async function signedIn(user: { email: string; password: string }): Promise<Caller> {
  return { cookie: await signIn(t.app, user.email, user.password) };
}

async function createTopic(name: string, caller: Caller = admin): Promise<Topic> {
  const response = await call(t.app, 'POST', '/api/v1/topics', { name }, caller);
  expect(response.statusCode).toBe(201);
  return response.json();
}

async function topics(caller: Caller): Promise<Topic[]> {
  const response = await call(t.app, 'GET', '/api/v1/topics', undefined, caller);
  expect(response.statusCode).toBe(200);
  expect(response.json().nextCursor).toBeNull();
  return response.json().items;
}

async function workspaceUnder(topicId: string): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await t.ctx.db
    .insertInto('workspaces')
    .values({
      id,
      name: `Project ${tag()}`,
      description: '',
      topic_id: topicId,
      status: 'active',
      guests_can_upload: 0,
      guests_can_create_tasks: 0,
      guests_can_comment: 1,
      guests_can_see_members: 0,
      guests_can_invite: 0,
      version: 1,
      created_by: null,
      created_at: now,
      updated_at: now,
      archived_at: null,
    })
    .execute();
  return id;
}

async function auditOf(id: string) {
  const rows = await t.ctx.db
    .selectFrom('audit_events')
    .select(['action', 'details'])
    .where('target_type', '=', 'topic')
    .where('target_id', '=', id)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ action: r.action, details: JSON.parse(r.details) }));
}

describe('the topic catalog', () => {
  it('creates topics with trimmed names and lists them by name with their workspace count', async () => {
    const k = tag();
    const zebra = await createTopic(`  zebra ${k} `);
    const alpha = await createTopic(`Alpha ${k}`);
    expect(zebra).toMatchObject({ name: `zebra ${k}`, workspaceCount: 0, abilities: ['read', 'update', 'delete'] });
    await workspaceUnder(alpha.id);
    await workspaceUnder(alpha.id);

    const mine = (await topics(admin)).filter((topic) => topic.name.endsWith(k) || topic.name.includes(k));
    expect(mine.map((topic) => [topic.name, topic.workspaceCount])).toEqual([
      [`Alpha ${k}`, 2],
      [`zebra ${k}`, 0],
    ]);
    expect(await auditOf(alpha.id)).toEqual([{ action: 'topic.created', details: { name: `Alpha ${k}` } }]);
  });

  it('lets employees read the catalog but not change it', async () => {
    const topic = await createTopic(`Read only ${tag()}`);
    const employee = await signedIn(await makeEmployee(t.ctx));
    expect((await topics(employee)).find((item) => item.id === topic.id)?.abilities).toEqual(['read']);

    expect((await call(t.app, 'POST', '/api/v1/topics', { name: `Sneaky ${tag()}` }, employee)).statusCode).toBe(403);
    expect((await call(t.app, 'PATCH', `/api/v1/topics/${topic.id}`, { name: 'Renamed' }, employee)).statusCode).toBe(403);
    expect((await call(t.app, 'DELETE', `/api/v1/topics/${topic.id}`, undefined, employee)).statusCode).toBe(403);
    expect((await topics(admin)).find((item) => item.id === topic.id)?.name).toBe(topic.name);
  });

  it('refuses the catalog to guests', async () => {
    const topic = await createTopic(`Hidden ${tag()}`);
    const guest = await signedIn(await makeGuest(t.ctx));
    const listed = await call(t.app, 'GET', '/api/v1/topics', undefined, guest);
    expect(listed.statusCode).toBe(403);
    expect(listed.body).not.toContain(topic.name);
    expect((await call(t.app, 'PATCH', `/api/v1/topics/${topic.id}`, { name: 'x' }, guest)).statusCode).toBe(403);
    expect((await call(t.app, 'DELETE', `/api/v1/topics/${newId()}`, undefined, guest)).statusCode).toBe(403);
  });

  it('lets an extranet administrator manage topics', async () => {
    const extranet = await signedIn(await makeEmployee(t.ctx, { role: 'extranet_admin' }));
    const topic = await createTopic(`Managed ${tag()}`, extranet);
    const renamed = await call(t.app, 'PATCH', `/api/v1/topics/${topic.id}`, { name: `Renamed ${tag()}` }, extranet);
    expect(renamed.statusCode).toBe(200);
    expect((await call(t.app, 'DELETE', `/api/v1/topics/${topic.id}`, undefined, extranet)).statusCode).toBe(204);
  });
});

describe('topic names', () => {
  it('refuses a second topic with the same name in another case with 409, on creation and on renaming', async () => {
    const k = tag();
    await createTopic(`Harbour Works ${k}`);
    const duplicate = await call(t.app, 'POST', '/api/v1/topics', { name: ` harbour WORKS ${k.toUpperCase()} ` }, admin);
    expect(duplicate.statusCode).toBe(409);
    expect(errorPaths(duplicate)).toEqual(['/name']);

    const other = await createTopic(`Other ${k}`);
    const rename = await call(t.app, 'PATCH', `/api/v1/topics/${other.id}`, { name: `HARBOUR works ${k}` }, admin);
    expect(rename.statusCode).toBe(409);
    expect((await topics(admin)).filter((topic) => topic.name.toLowerCase() === `harbour works ${k}`)).toHaveLength(1);

    // A topic may change the case of its own name.
    const recased = await call(t.app, 'PATCH', `/api/v1/topics/${other.id}`, { name: `OTHER ${k}` }, admin);
    expect(recased.statusCode).toBe(200);
    expect(recased.json().name).toBe(`OTHER ${k}`);
  });

  it('treats accented names that differ only in case as the same name', async () => {
    const k = tag();
    await createTopic(`Énergie ${k}`);
    expect((await call(t.app, 'POST', '/api/v1/topics', { name: `éNERGIE ${k}` }, admin)).statusCode).toBe(409);
  });

  it('refuses blank and too long names with 400 naming /name', async () => {
    for (const name of ['', '   ', 'x'.repeat(101)]) {
      const response = await call(t.app, 'POST', '/api/v1/topics', { name }, admin);
      expect(response.statusCode, JSON.stringify(name)).toBe(400);
      expect(new Set(errorPaths(response))).toEqual(new Set(['/name']));
    }
    expect((await call(t.app, 'POST', '/api/v1/topics', {}, admin)).statusCode).toBe(400);
  });
});

describe('renaming and deleting topics', () => {
  it('renames a topic and records the old and new names', async () => {
    const k = tag();
    const topic = await createTopic(`Before ${k}`);
    const response = await call(t.app, 'PATCH', `/api/v1/topics/${topic.id}`, { name: ` After ${k} ` }, admin);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: topic.id, name: `After ${k}` });
    expect((await auditOf(topic.id)).at(-1)).toEqual({ action: 'topic.renamed', details: { from: `Before ${k}`, to: `After ${k}` } });
  });

  it('deletes a topic and leaves its workspaces without one', async () => {
    const topic = await createTopic(`Doomed ${tag()}`);
    const workspaceId = await workspaceUnder(topic.id);
    expect((await call(t.app, 'DELETE', `/api/v1/topics/${topic.id}`, undefined, admin)).statusCode).toBe(204);

    expect((await topics(admin)).map((item) => item.id)).not.toContain(topic.id);
    const workspace = await t.ctx.db.selectFrom('workspaces').select('topic_id').where('id', '=', workspaceId).executeTakeFirstOrThrow();
    expect(workspace.topic_id).toBeNull();
    expect((await auditOf(topic.id)).at(-1)).toEqual({ action: 'topic.deleted', details: { name: topic.name, workspaceCount: 1 } });
  });

  it('answers 404 for an unknown topic', async () => {
    const id = newId();
    expect((await call(t.app, 'PATCH', `/api/v1/topics/${id}`, { name: 'Nothing' }, admin)).statusCode).toBe(404);
    expect((await call(t.app, 'DELETE', `/api/v1/topics/${id}`, undefined, admin)).statusCode).toBe(404);
  });
});
