import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSUMERS } from '../../src/server/events/consumers.js';
import { pumpEvents } from '../../src/server/events/pump.js';
import { unsubscribeToken } from '../../src/server/modules/notifications/unsubscribe-links.js';
import { DEFAULT_DELIVERY, NOTIFICATION_KINDS, NOTIFICATION_LABELS } from '../../src/shared/notifications.js';
import { drainEvents } from '../support/events.js';
import { makeEmployee } from '../support/factories.js';
import { type Caller, call, callFrom } from '../support/http-client.js';
import { type SmtpReceiver, startSmtpReceiver } from '../support/smtp-receiver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { addMember, errorPaths, freshAddress, managerWithWorkspace, sentTo, signedIn, unique } from '../support/workspaces.js';

let t: TestApp;
let smtp: SmtpReceiver;
beforeAll(async () => {
  smtp = await startSmtpReceiver();
  t = await startTestApp({ FOYER_SMTP_URL: smtp.url });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const PREFS = '/api/v1/me/notification-preferences';

async function person() {
  const user = await makeEmployee(t.ctx, { name: unique('Person ') });
  return { ...user, caller: await signedIn(t, user) };
}

const put = (caller: Caller, preferences: unknown) => call(t.app, 'PUT', PREFS, { preferences }, caller);
const deliveries = async (caller: Caller) =>
  Object.fromEntries(
    ((await call(t.app, 'GET', PREFS, undefined, caller)).json().preferences as { kind: string; delivery: string }[]).map((p) => [
      p.kind,
      p.delivery,
    ]),
  );
const storedRows = (userId: string) =>
  t.ctx.db.selectFrom('notification_preferences').select(['kind', 'delivery']).where('user_id', '=', userId).orderBy('kind').execute();
const auditEntries = (userId: string) =>
  t.ctx.db
    .selectFrom('audit_events')
    .select(['actor_id', 'details'])
    .where('action', '=', 'notification_preferences.changed')
    .where('target_id', '=', userId)
    .orderBy('seq')
    .execute();

/** How a mail provider performs RFC 8058 one-click: no cookie, no Origin, a form body. */
function oneClick(token: string, body = 'List-Unsubscribe=One-Click', type = 'application/x-www-form-urlencoded') {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/unsubscribe?token=${encodeURIComponent(token)}`,
    headers: { 'content-type': type },
    payload: body,
    remoteAddress: freshAddress(),
  });
}
const preview = (token: string) => callFrom(freshAddress(), t.app, 'GET', `/api/v1/unsubscribe?token=${encodeURIComponent(token)}`);

describe('notification preferences', () => {
  it('lists every kind with its label, the delivery in force and the default', async () => {
    const me = await person();
    const response = await call(t.app, 'GET', PREFS, undefined, me.caller);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      preferences: NOTIFICATION_KINDS.map((kind) => ({
        kind,
        label: NOTIFICATION_LABELS[kind],
        delivery: DEFAULT_DELIVERY[kind],
        default: DEFAULT_DELIVERY[kind],
      })),
    });
  });

  it('changes the kinds given, keeps only choices that differ from the default, and records each change', async () => {
    const me = await person();
    const changed = await put(me.caller, [
      { kind: 'task_assigned', delivery: 'digest' },
      { kind: 'document_uploaded', delivery: 'never' },
      { kind: 'mentioned', delivery: 'immediate' },
    ]);
    expect(changed.statusCode, changed.body).toBe(200);
    const answer = Object.fromEntries(
      (changed.json().preferences as { kind: string; delivery: string }[]).map((p) => [p.kind, p.delivery]),
    );
    expect(answer).toMatchObject({ task_assigned: 'digest', document_uploaded: 'never', mentioned: 'immediate', invited: 'never' });
    expect(await deliveries(me.caller)).toEqual(answer);
    expect(await storedRows(me.id)).toEqual([
      { kind: 'document_uploaded', delivery: 'never' },
      { kind: 'task_assigned', delivery: 'digest' },
    ]);
    const [entry] = await auditEntries(me.id);
    expect(entry?.actor_id).toBe(me.id);
    // "mentioned" was immediate already: not a change.
    expect(JSON.parse(entry?.details ?? '{}')).toEqual({
      via: 'settings',
      changes: [
        { kind: 'task_assigned', delivery: 'digest', previous: 'immediate' },
        { kind: 'document_uploaded', delivery: 'never', previous: 'digest' },
      ],
    });

    // Back to the default: the row goes, the choice reads as the default again.
    expect((await put(me.caller, [{ kind: 'task_assigned', delivery: 'immediate' }])).statusCode).toBe(200);
    expect(await storedRows(me.id)).toEqual([{ kind: 'document_uploaded', delivery: 'never' }]);
    // Saving what is already in force changes and records nothing.
    expect((await put(me.caller, [{ kind: 'document_uploaded', delivery: 'never' }])).statusCode).toBe(200);
    expect(await auditEntries(me.id)).toHaveLength(2);
  });

  it('refuses bad entries with a 400 naming the field, and writes nothing of a refused request', async () => {
    const me = await person();
    const cases: [unknown, string][] = [
      [
        [
          { kind: 'task_assigned', delivery: 'never' },
          { kind: 'weather', delivery: 'never' },
        ],
        '/preferences/1/kind',
      ],
      [
        [
          { kind: 'task_assigned', delivery: 'never' },
          { kind: 'mentioned', delivery: 'hourly' },
        ],
        '/preferences/1/delivery',
      ],
      [
        [
          { kind: 'task_assigned', delivery: 'never' },
          { kind: 'task_assigned', delivery: 'digest' },
        ],
        '/preferences/1/kind',
      ],
      [[{ kind: 'task_assigned' }], '/preferences/0/delivery'],
      // A lone value is read as a list of one (the API's array coercion): its entry is what is wrong.
      ['all', '/preferences/0'],
    ];
    for (const [preferences, path] of cases) {
      const response = await put(me.caller, preferences);
      expect(response.statusCode, JSON.stringify(preferences)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(errorPaths(response)).toContain(path);
    }
    const missing = await call(t.app, 'PUT', PREFS, {}, me.caller);
    expect(missing.statusCode).toBe(400);
    expect(errorPaths(missing)).toEqual(['/preferences']);
    expect(await storedRows(me.id)).toEqual([]);
    expect(await auditEntries(me.id)).toEqual([]);
    expect((await deliveries(me.caller)).task_assigned).toBe('immediate');
  });

  it('is only ever about the caller', async () => {
    expect((await call(t.app, 'GET', PREFS)).statusCode).toBe(401);
    expect((await call(t.app, 'PUT', PREFS, { preferences: [] })).statusCode).toBe(401);
  });
});

describe('one-click unsubscribe', () => {
  it('GET tells what the link would switch off and changes nothing', async () => {
    const me = await person();
    const token = unsubscribeToken(t.ctx, me.id, 'task_assigned');
    for (let i = 0; i < 2; i += 1) {
      const response = await preview(token);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        kind: 'task_assigned',
        label: 'Task assigned to me',
        email: `${me.email.slice(0, 1)}***@company.example`,
        delivery: 'immediate',
      });
    }
    expect(await storedRows(me.id)).toEqual([]);
    expect(await auditEntries(me.id)).toEqual([]);
  });

  it('POST from a mail provider switches that kind to never, and later events of that kind send nothing', async () => {
    const manager = await managerWithWorkspace(t);
    const me = await person();
    await addMember(t, manager.workspaceId, me.id, 'member');
    const token = unsubscribeToken(t.ctx, me.id, 'task_assigned');

    const response = await oneClick(token);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ kind: 'task_assigned', delivery: 'never' });
    expect((await deliveries(me.caller)).task_assigned).toBe('never');
    const [entry] = await auditEntries(me.id);
    expect(entry?.actor_id).toBe(me.id);
    expect(JSON.parse(entry?.details ?? '{}')).toMatchObject({
      via: 'unsubscribe_link',
      changes: [{ kind: 'task_assigned', delivery: 'never' }],
    });
    // Once is enough: again answers the same and records nothing more.
    expect((await oneClick(token)).json()).toEqual({ kind: 'task_assigned', delivery: 'never' });
    expect(await auditEntries(me.id)).toHaveLength(1);
    expect((await preview(token)).json().delivery).toBe('never');

    const title = unique('After unsubscribing ');
    const task = await call(
      t.app,
      'POST',
      `/api/v1/workspaces/${manager.workspaceId}/tasks`,
      { title, assigneeIds: [me.id] },
      manager.caller,
    );
    expect(task.statusCode).toBe(201);
    await drainEvents(t.ctx);
    expect(smtp.messages.filter((m: ParsedMail) => sentTo(me.email)(m) && m.subject?.includes(title) === true)).toEqual([]);
    // Other kinds are untouched.
    expect((await deliveries(me.caller)).mentioned).toBe('immediate');
  });

  it('also takes a multipart, JSON or empty body, and our own page’s same-origin request', async () => {
    const me = await person();
    const boundary = 'foyerboundary';
    const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
    expect(
      (await oneClick(unsubscribeToken(t.ctx, me.id, 'mentioned'), multipart, `multipart/form-data; boundary=${boundary}`)).statusCode,
    ).toBe(200);
    expect((await oneClick(unsubscribeToken(t.ctx, me.id, 'task_due_soon'), '{}', 'application/json')).statusCode).toBe(200);
    const empty = await t.app.inject({ method: 'POST', url: `/api/v1/unsubscribe?token=${unsubscribeToken(t.ctx, me.id, 'invited')}` });
    expect(empty.statusCode, empty.body).toBe(200);
    const page = await call(t.app, 'POST', `/api/v1/unsubscribe?token=${unsubscribeToken(t.ctx, me.id, 'activity_planned')}`, {});
    expect(page.statusCode, page.body).toBe(200);
    expect(await deliveries(me.caller)).toMatchObject({
      mentioned: 'never',
      task_due_soon: 'never',
      invited: 'never',
      activity_planned: 'never',
    });
  });

  it('takes a one-click post from a web mail client’s site, while other changes from there are still refused', async () => {
    const me = await person();
    const fromWebmail = await t.app.inject({
      method: 'POST',
      url: `/api/v1/unsubscribe?token=${encodeURIComponent(unsubscribeToken(t.ctx, me.id, 'mentioned'))}`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://mail.example.net',
        'sec-fetch-site': 'cross-site',
      },
      payload: 'List-Unsubscribe=One-Click',
      remoteAddress: freshAddress(),
    });
    expect(fromWebmail.statusCode, fromWebmail.body).toBe(200);
    expect((await deliveries(me.caller)).mentioned).toBe('never');
    // Every other state-changing route still refuses another site.
    const elsewhere = await t.app.inject({
      method: 'PUT',
      url: PREFS,
      headers: { 'content-type': 'application/json', origin: 'https://mail.example.net', cookie: me.caller.cookie ?? '' },
      payload: JSON.stringify({ preferences: [{ kind: 'mentioned', delivery: 'immediately' }] }),
    });
    expect(elsewhere.statusCode, elsewhere.body).toBe(403);
    expect((await deliveries(me.caller)).mentioned).toBe('never');
  });

  it('stops e-mails already waiting for a kind that is switched off', async () => {
    const manager = await managerWithWorkspace(t);
    const me = await person();
    await addMember(t, manager.workspaceId, me.id, 'member');
    const title = unique('Queued ');
    expect(
      (await call(t.app, 'POST', `/api/v1/workspaces/${manager.workspaceId}/tasks`, { title, assigneeIds: [me.id] }, manager.caller))
        .statusCode,
    ).toBe(201);
    // The notification and its e-mail job exist; the e-mail has not gone yet.
    await pumpEvents(t.ctx, CONSUMERS);
    expect((await oneClick(unsubscribeToken(t.ctx, me.id, 'task_assigned'))).statusCode).toBe(200);
    await drainEvents(t.ctx);
    expect(smtp.messages.filter((m: ParsedMail) => sentTo(me.email)(m) && m.subject?.includes(title) === true)).toEqual([]);
    const row = await t.ctx.db.selectFrom('notifications').select('email').where('user_id', '=', me.id).executeTakeFirstOrThrow();
    expect(row.email).toBe('none');
  });

  it('a digest link switches off every kind that goes to the digest, and only those', async () => {
    const me = await person();
    expect((await put(me.caller, [{ kind: 'mentioned', delivery: 'digest' }])).statusCode).toBe(200);
    const token = unsubscribeToken(t.ctx, me.id, 'digest');
    expect((await preview(token)).json()).toMatchObject({ kind: 'digest', label: 'Daily digest', delivery: 'digest' });
    expect((await oneClick(token)).json()).toEqual({ kind: 'digest', delivery: 'never' });
    const now = await deliveries(me.caller);
    for (const kind of NOTIFICATION_KINDS) {
      const before = kind === 'mentioned' ? 'digest' : DEFAULT_DELIVERY[kind];
      expect(now[kind], kind).toBe(before === 'digest' ? 'never' : before);
    }
    expect((await preview(token)).json().delivery).toBe('never');
  });

  it('answers a forged, altered or foreign token with the plain 404, and a missing one with a 400', async () => {
    const me = await person();
    const good = unsubscribeToken(t.ctx, me.id, 'task_assigned');
    const [payload, mac] = good.split('.');
    const otherKind = `${Buffer.from(`${me.id}:mentioned`).toString('base64url')}.${mac}`;
    const otherPerson = `${Buffer.from(`${(await person()).id}:task_assigned`).toString('base64url')}.${mac}`;
    const flipped = `${payload}.${mac?.slice(0, -1)}${mac?.endsWith('A') ? 'B' : 'A'}`;
    const missing = await call(t.app, 'GET', '/api/v1/not-a-route');
    for (const token of [otherKind, otherPerson, flipped, 'nonsense', `${payload}.${'A'.repeat(43)}`]) {
      for (const response of [await preview(token), await oneClick(token)]) {
        expect(response.statusCode, token).toBe(404);
        expect(response.body).toBe(missing.body);
      }
    }
    // A deleted account's link is no different.
    const gone = await person();
    const goneToken = unsubscribeToken(t.ctx, gone.id, 'task_assigned');
    await t.ctx.db.deleteFrom('sessions').where('user_id', '=', gone.id).execute();
    await t.ctx.db.deleteFrom('users').where('id', '=', gone.id).execute();
    expect((await preview(goneToken)).statusCode).toBe(404);

    const bare = await callFrom(freshAddress(), t.app, 'GET', '/api/v1/unsubscribe');
    expect(bare.statusCode).toBe(400);
    expect(errorPaths(bare)).toEqual(['/querystring/token']);
    expect(await storedRows(me.id)).toEqual([]);
  });

  it('throttles wrong tokens per address, never good ones', async () => {
    const me = await person();
    const address = freshAddress();
    const bad = `${Buffer.from(`${me.id}:task_assigned`).toString('base64url')}.${'A'.repeat(43)}`;
    let last = 0;
    for (let i = 0; i < 25 && last !== 429; i += 1)
      last = (await callFrom(address, t.app, 'GET', `/api/v1/unsubscribe?token=${bad}`)).statusCode;
    expect(last).toBe(429);
    const good = unsubscribeToken(t.ctx, me.id, 'task_assigned');
    const other = freshAddress();
    for (let i = 0; i < 25; i += 1) expect((await callFrom(other, t.app, 'GET', `/api/v1/unsubscribe?token=${good}`)).statusCode).toBe(200);
  });
});
