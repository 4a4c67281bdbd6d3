import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/server/http/logging.js';
import { FEED_FAILURES_PER_ADDRESS } from '../../src/server/modules/calendar/calendar.service.js';
import { type Caller, call, callFrom } from '../support/http-client.js';
import { startTestApp, TEST_ORIGIN, type TestApp } from '../support/test-app.js';
import {
  adminCaller,
  auditOf,
  enableExtranet,
  freshAddress,
  inFuture,
  inviteAndAccept,
  managerWithWorkspace,
  setPolicy,
} from '../support/workspaces.js';

let t: TestApp;
let admin: Caller & { id: string };
beforeAll(async () => {
  t = await startTestApp();
  admin = await adminCaller(t);
  await enableExtranet(t, admin);
});
afterAll(async () => {
  await t.close();
});

const FEED_URL = /^http:\/\/foyer\.test\/api\/v1\/calendar\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\.ics$/;

async function feedUrlOf(caller: Caller): Promise<string> {
  const response = await call(t.app, 'GET', '/api/v1/me/calendar', undefined, caller);
  expect(response.statusCode, response.body).toBe(200);
  const { feedUrl } = response.json() as { feedUrl: string };
  expect(feedUrl).toMatch(FEED_URL);
  return feedUrl;
}

/** What a calendar app does: no cookie, no token, just the URL. */
const fetchFeed = (url: string, address = freshAddress()) => callFrom(address, t.app, 'GET', url.replace(TEST_ORIGIN, ''));

interface Event {
  uid: string;
  summary: string;
  component: ICAL.Component;
}

/** The feed as an independent parser (ical.js) reads it. */
function eventsOf(text: string): Event[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  return calendar.getAllSubcomponents('vevent').map((component) => ({
    uid: String(component.getFirstPropertyValue('uid')),
    summary: String(component.getFirstPropertyValue('summary')),
    component,
  }));
}

async function feedEvents(url: string): Promise<Event[]> {
  const response = await fetchFeed(url);
  expect(response.statusCode, response.body).toBe(200);
  return eventsOf(response.body);
}

const uid = (id: string) => `${id}@foyer.test`;
const uids = (events: Event[]) => events.map((e) => e.uid).sort();

async function createActivity(
  caller: Caller,
  workspaceId: string,
  body: Record<string, unknown>,
): Promise<{ id: string; startsAt: string }> {
  const response = await call(
    t.app,
    'POST',
    `/api/v1/workspaces/${workspaceId}/activities`,
    { startsAt: inFuture(10), endsAt: inFuture(10.1), ...body },
    caller,
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function createTask(caller: Caller, workspaceId: string, body: Record<string, unknown>): Promise<{ id: string }> {
  const response = await call(t.app, 'POST', `/api/v1/workspaces/${workspaceId}/tasks`, body, caller);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const dueIn = (days: number) => inFuture(days).slice(0, 10);

describe('the calendar feed', () => {
  it("lists exactly the guest's shared activities and dated open tasks, never internal ones or another workspace's", async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const w = manager.workspaceId;

    const visit = await createActivity(manager.caller, w, {
      title: 'Maintenance visit',
      location: 'Plant 2; gate B',
      attendeeIds: [guest.id],
    });
    const cancelled = await createActivity(manager.caller, w, { title: 'Audit', attendeeIds: [guest.id] });
    expect((await call(t.app, 'PATCH', `/api/v1/activities/${cancelled.id}`, { status: 'cancelled' }, manager.caller)).statusCode).toBe(
      200,
    );
    const notAttending = await createActivity(manager.caller, w, { title: 'Team lunch' });
    const internalActivity = await createActivity(manager.caller, w, { title: 'Price review', visibility: 'internal' });
    const due = dueIn(5);
    const seal = await createTask(manager.caller, w, { title: 'Replace the seal', assigneeIds: [guest.id], dueOn: due });
    await createTask(manager.caller, w, { title: 'Undated', assigneeIds: [guest.id] });
    const done = await createTask(manager.caller, w, { title: 'Done already', assigneeIds: [guest.id], dueOn: dueIn(3) });
    expect((await call(t.app, 'PATCH', `/api/v1/tasks/${done.id}`, { status: 'done' }, manager.caller)).statusCode).toBe(200);
    const internalTask = await createTask(manager.caller, w, {
      title: 'Margin check',
      visibility: 'internal',
      assigneeIds: [manager.id],
      dueOn: dueIn(4),
    });
    // Another workspace, where the guest is nobody.
    const other = await managerWithWorkspace(t);
    const elsewhere = await createActivity(other.caller, other.workspaceId, { title: 'Elsewhere' });
    const elsewhereTask = await createTask(other.caller, other.workspaceId, {
      title: 'Elsewhere too',
      assigneeIds: [other.id],
      dueOn: due,
    });

    const url = await feedUrlOf(guest.caller);
    expect(await feedUrlOf(guest.caller)).toBe(url);
    const response = await fetchFeed(url);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['cache-control']).toBe('private, max-age=300');
    expect(response.headers['set-cookie']).toBeUndefined();
    const events = eventsOf(response.body);
    expect(uids(events)).toEqual([uid(visit.id), uid(cancelled.id), uid(seal.id)].sort());
    for (const hidden of [notAttending, internalActivity, internalTask, elsewhere, elsewhereTask, done]) {
      expect(response.body).not.toContain(hidden.id);
    }
    for (const secret of ['Price review', 'Margin check', 'Elsewhere', other.workspaceName]) expect(response.body).not.toContain(secret);

    const byUid = new Map(events.map((e) => [e.uid, e.component]));
    const visitEvent = byUid.get(uid(visit.id));
    expect(visitEvent?.getFirstPropertyValue('summary')).toBe('Maintenance visit');
    expect(visitEvent?.getFirstPropertyValue('location')).toBe('Plant 2; gate B');
    const start = visitEvent?.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(start.zone?.tzid).toBe('UTC');
    // Whole seconds in UTC, as iCalendar writes them.
    expect(start.toJSDate().getTime()).toBe(Math.floor(Date.parse(visit.startsAt) / 1000) * 1000);
    expect(String(visitEvent?.getFirstPropertyValue('description'))).toContain(`${TEST_ORIGIN}/workspaces/${w}/activities/${visit.id}`);
    expect(byUid.get(uid(cancelled.id))?.getFirstPropertyValue('status')).toBe('CANCELLED');
    const taskEvent = byUid.get(uid(seal.id));
    const taskStart = taskEvent?.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(taskStart.isDate).toBe(true);
    expect(taskStart.toString()).toBe(due);
    expect(String(taskEvent?.getFirstPropertyValue('description'))).toContain(`${TEST_ORIGIN}/workspaces/${w}/tasks/${seal.id}`);
    expect(response.body).toMatch(/^DTSTART;VALUE=DATE:\d{8}\r$/m);
    expect(response.body).not.toMatch(/^(ATTENDEE|ORGANIZER)/m);

    // The manager organized every activity of the workspace and sees the internal ones.
    const managerEvents = await feedEvents(await feedUrlOf(manager.caller));
    expect(uids(managerEvents)).toEqual([visit.id, cancelled.id, notAttending.id, internalActivity.id, internalTask.id].map(uid).sort());
  });

  it('gives a new URL on regeneration; the old one answers 404 from then on', async () => {
    const manager = await managerWithWorkspace(t);
    const task = await createTask(manager.caller, manager.workspaceId, { title: 'Ship it', assigneeIds: [manager.id], dueOn: dueIn(2) });
    const old = await feedUrlOf(manager.caller);
    expect(uids(await feedEvents(old))).toEqual([uid(task.id)]);

    const regenerated = await call(t.app, 'POST', '/api/v1/me/calendar/regenerate', undefined, manager.caller);
    expect(regenerated.statusCode, regenerated.body).toBe(200);
    const fresh = regenerated.json().feedUrl as string;
    expect(fresh).toMatch(FEED_URL);
    expect(fresh).not.toBe(old);
    expect(await feedUrlOf(manager.caller)).toBe(fresh);
    expect((await fetchFeed(old)).statusCode).toBe(404);
    expect(uids(await feedEvents(fresh))).toEqual([uid(task.id)]);
    expect(await auditOf(t, 'calendar.regenerated', manager.id)).toHaveLength(1);
    // Without the .ics the same feed answers; the URL never reaches the log.
    expect((await fetchFeed(fresh.replace(/\.ics$/, ''))).statusCode).toBe(200);
    const path = fresh.replace(TEST_ORIGIN, '');
    expect(redactUrl(path)).toBe('/api/v1/calendar/[redacted]');
    // Written with a percent-encoded dot, the same feed answers, and is hidden from the log as well.
    const encoded = path.replace(/\.(?=[^.]*\.ics$)/, '%2E');
    expect(encoded).not.toBe(path);
    expect((await fetchFeed(`${TEST_ORIGIN}${encoded}`)).statusCode).toBe(200);
    expect(redactUrl(encoded)).toBe('/api/v1/calendar/[redacted]');
  });

  it('answers a wrong, forged, old or unknown token, a suspended person and a guest of a closed extranet with the same 404', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const url = await feedUrlOf(guest.caller);
    const [, feedId = '', secret = ''] = /\/([^/.]+)\.([^/.]+)\.ics$/.exec(url) ?? [];
    const reference = await fetchFeed(`${TEST_ORIGIN}/api/v1/calendar/${'x'.repeat(22)}.${'y'.repeat(43)}.ics`);
    expect(reference.statusCode).toBe(404);
    expect(reference.headers['content-type']).toMatch(/^application\/problem\+json/);
    const same = (response: { statusCode: number; body: string; headers: Record<string, unknown> }) => {
      expect(response.statusCode).toBe(404);
      expect(response.body).toBe(reference.body);
      expect(response.headers['content-type']).toBe(reference.headers['content-type']);
    };
    const flipped = (secret[0] === 'A' ? 'B' : 'A') + secret.slice(1);
    for (const wrong of [
      `${feedId}.${flipped}.ics`,
      `${feedId}.${secret.slice(0, -1)}.ics`,
      `${feedId}.ics`,
      'nothing',
      `${'a'.repeat(22)}.${secret}.ics`,
    ]) {
      same(await fetchFeed(`${TEST_ORIGIN}/api/v1/calendar/${wrong}`));
    }

    await setPolicy(t, admin, { extranetEnabled: false });
    try {
      same(await fetchFeed(url));
    } finally {
      await setPolicy(t, admin, { extranetEnabled: true });
    }
    expect((await fetchFeed(url)).statusCode).toBe(200);

    const suspended = await call(t.app, 'PATCH', `/api/v1/users/${guest.id}`, { status: 'suspended' }, admin);
    expect(suspended.statusCode, suspended.body).toBe(200);
    same(await fetchFeed(url));
  });

  it("drops a removed guest's items at once", async () => {
    const first = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, first.caller, first.workspaceId);
    const second = await managerWithWorkspace(t);
    const invited = await call(
      t.app,
      'POST',
      `/api/v1/workspaces/${second.workspaceId}/invitations`,
      { email: guest.email, role: 'guest' },
      second.caller,
    );
    expect(invited.statusCode, invited.body).toBe(201);
    const accepted = await callFrom(
      freshAddress(),
      t.app,
      'POST',
      `/api/v1/invitations/${/#token=([A-Za-z0-9_-]+)/.exec(invited.json().acceptUrl)?.[1]}/accept`,
      {},
      guest.caller,
    );
    expect(accepted.statusCode, accepted.body).toBe(200);
    const kept = await createTask(first.caller, first.workspaceId, { title: 'Kept', assigneeIds: [guest.id], dueOn: dueIn(6) });
    const gone = await createTask(second.caller, second.workspaceId, { title: 'Gone', assigneeIds: [guest.id], dueOn: dueIn(6) });
    const goneVisit = await createActivity(second.caller, second.workspaceId, { title: 'Gone visit', attendeeIds: [guest.id] });
    const url = await feedUrlOf(guest.caller);
    expect(uids(await feedEvents(url))).toEqual([kept.id, gone.id, goneVisit.id].map(uid).sort());

    const removed = await call(t.app, 'DELETE', `/api/v1/workspaces/${second.workspaceId}/members/${guest.id}`, undefined, second.caller);
    expect(removed.statusCode, removed.body).toBe(204);
    expect(uids(await feedEvents(url))).toEqual([uid(kept.id)]);
  });

  it('escapes and folds text: a title cannot inject properties, long unicode text is folded at 75 octets', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const evil = 'Visit\r\nATTENDEE:mailto:x@evil.test\r\nEND:VEVENT';
    const long = 'Prüfung der Anlage — 検査 🔧 ; , \\ '.repeat(9).trim();
    const visit = await createActivity(manager.caller, manager.workspaceId, {
      title: evil,
      location: 'Hall 1\nLOCATION:elsewhere',
      attendeeIds: [guest.id],
    });
    const task = await createTask(manager.caller, manager.workspaceId, { title: long, assigneeIds: [guest.id], dueOn: dueIn(1) });

    const response = await fetchFeed(await feedUrlOf(guest.caller));
    expect(response.statusCode).toBe(200);
    const raw = response.body;
    // Every line ends with CR LF and is at most 75 octets long.
    expect(raw.endsWith('\r\n')).toBe(true);
    const lines = raw.slice(0, -2).split('\r\n');
    for (const line of lines) {
      expect(line).not.toMatch(/[\r\n]/);
      expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    }
    expect(lines.filter((l) => /^(ATTENDEE|LOCATION:elsewhere)/.test(l))).toEqual([]);
    expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(2);

    const events = eventsOf(raw);
    expect(uids(events)).toEqual([uid(visit.id), uid(task.id)].sort());
    const byUid = new Map(events.map((e) => [e.uid, e.component]));
    const visitEvent = byUid.get(uid(visit.id));
    // iCalendar text has one kind of line break: CR LF comes back as LF.
    expect(visitEvent?.getFirstPropertyValue('summary')).toBe(evil.replace(/\r\n/g, '\n'));
    expect(visitEvent?.getFirstPropertyValue('location')).toBe('Hall 1\nLOCATION:elsewhere');
    expect(visitEvent?.getAllProperties('attendee')).toEqual([]);
    expect(byUid.get(uid(task.id))?.getFirstPropertyValue('summary')).toBe(long);
  });

  it('throttles wrong tokens per client address with 429 and Retry-After; a good URL never counts', async () => {
    const manager = await managerWithWorkspace(t);
    const url = await feedUrlOf(manager.caller);
    const poller = freshAddress();
    for (let i = 0; i < FEED_FAILURES_PER_ADDRESS + 5; i += 1) expect((await fetchFeed(url, poller)).statusCode).toBe(200);

    const guesser = freshAddress();
    const guess = (n: number) => `${TEST_ORIGIN}/api/v1/calendar/${'g'.repeat(21)}${n % 10}.${'h'.repeat(43)}.ics`;
    for (let i = 0; i < FEED_FAILURES_PER_ADDRESS; i += 1) expect((await fetchFeed(guess(i), guesser)).statusCode).toBe(404);
    const refused = await fetchFeed(guess(99), guesser);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right URL waits from that address; other addresses are not affected.
    expect((await fetchFeed(url, guesser)).statusCode).toBe(429);
    expect((await fetchFeed(url)).statusCode).toBe(200);
  });
});
