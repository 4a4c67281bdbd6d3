import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/server/lib/ids.js';
import {
  type ActivityBody,
  ALL_TIME,
  activityAs,
  confirmActivity,
  createActivity,
  hoursFromNow,
  listActivities,
  listActivitiesResponse,
  myActivities,
  myActivitiesResponse,
  patchActivity,
  postActivity,
  readActivity,
  reportDone,
} from '../support/activities.js';
import { makeEmployee } from '../support/factories.js';
import { type Caller, call } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  addMember,
  adminCaller,
  auditOf,
  enableExtranet,
  errorPaths,
  inFuture,
  inPast,
  inviteAndAccept,
  managerWithWorkspace,
  signedIn,
  unique,
} from '../support/workspaces.js';

// The rules of docs/activities.md, through the API, on a real database (run once per engine): who
// sees an activity, who may plan, confirm and report it, attendees, time zones, the time windows of
// "Planned activities", the status transitions, If-Match, and the audit trail.

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

const ids = (items: { id: string }[]) => items.map((i) => i.id);
const fieldErrors = (response: LightMyRequestResponse) => (response.json().errors ?? []) as { path: string; message: string }[];

/** A one-hour activity on a fixed future day (lists that need "now" use `hoursFromNow`). */
const visit = (extra: Partial<ActivityBody> = {}): ActivityBody => ({
  title: unique('Visit '),
  startsAt: '2031-06-10T09:00:00Z',
  endsAt: '2031-06-10T10:00:00Z',
  ...extra,
});

/** An employee added to the workspace as a plain member, signed in. */
async function employeeMember(workspaceId: string, extra: { expiresAt?: string | null } = {}) {
  const user = await makeEmployee(t.ctx, { name: unique('Employee '), email: `${unique('employee-')}@company.example` });
  await addMember(t, workspaceId, user.id, 'member', extra);
  return { ...user, caller: await signedIn(t, user) };
}

async function removeMember(manager: Caller, workspaceId: string, userId: string) {
  const response = await call(t.app, 'DELETE', `/api/v1/workspaces/${workspaceId}/members/${userId}`, undefined, manager);
  expect(response.statusCode, response.body).toBe(204);
}

/** The 404 a caller gets for an activity id that does not exist at all. */
const missing = (caller: Caller) => readActivity(t, caller, newId());

function expectSameAs(response: LightMyRequestResponse, reference: LightMyRequestResponse) {
  expect(response.statusCode).toBe(404);
  expect(response.body).toBe(reference.body);
  expect(response.headers['content-type']).toBe(reference.headers['content-type']);
}

/** The activity row as stored, to prove a refused change wrote nothing. */
const stored = (id: string) => t.ctx.db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const auditCount = async (id: string) =>
  (await t.ctx.db.selectFrom('audit_events').select('action').where('target_id', '=', id).execute()).length;

describe('who sees an activity', () => {
  it("never shows a guest or viewer an internal activity or another workspace's: single reads answer like a missing id, lists leave them out", async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const viewer = await inviteAndAccept(t, manager.caller, manager.workspaceId, { role: 'viewer' });
    const shared = await createActivity(t, manager.caller, manager.workspaceId, visit({ title: 'Delivery', attendeeIds: [guest.id] }));
    const internal = await createActivity(
      t,
      manager.caller,
      manager.workspaceId,
      visit({ title: 'Price review', visibility: 'internal', startsAt: '2031-06-09T09:00:00Z', endsAt: '2031-06-09T10:00:00Z' }),
    );
    // Even a row tying the guest to the internal activity (which the API refuses to write) does not leak it.
    await t.ctx.db.insertInto('activity_attendees').values({ activity_id: internal.id, user_id: guest.id }).execute();

    const other = await managerWithWorkspace(t);
    const otherGuest = await inviteAndAccept(t, other.caller, other.workspaceId);
    const elsewhere = await createActivity(t, other.caller, other.workspaceId, visit({ title: 'Elsewhere', attendeeIds: [otherGuest.id] }));

    for (const reader of [guest.caller, viewer.caller]) {
      const reference = await missing(reader);
      expect(reference.statusCode).toBe(404);
      expectSameAs(await readActivity(t, reader, internal.id), reference);
      expectSameAs(await confirmActivity(t, reader, internal.id), reference);
      expectSameAs(await reportDone(t, reader, internal.id, { remark: 'x' }), reference);
      expectSameAs(await patchActivity(t, reader, internal.id, { title: 'x' }), reference);
      expectSameAs(await readActivity(t, reader, elsewhere.id), reference);
      expectSameAs(await confirmActivity(t, reader, elsewhere.id), reference);
      expect(ids(await listActivities(t, reader, manager.workspaceId))).toEqual([shared.id]);
      expect(ids(await listActivities(t, reader, manager.workspaceId, ALL_TIME))).toEqual([shared.id]);
      expect(ids(await myActivities(t, reader, ALL_TIME))).toEqual([shared.id]);
      expect(await myActivities(t, reader, `${ALL_TIME}&workspaceId=${other.workspaceId}`)).toEqual([]);
      expect((await listActivitiesResponse(t, reader, other.workspaceId)).statusCode).toBe(404);
    }
    expect(ids(await myActivities(t, guest.caller, `${ALL_TIME}&attending=true`))).toEqual([shared.id]);

    // The guest of the other workspace sees only that workspace's activity.
    expectSameAs(await readActivity(t, otherGuest.caller, shared.id), await missing(otherGuest.caller));
    expect(ids(await myActivities(t, otherGuest.caller, ALL_TIME))).toEqual([elsewhere.id]);

    // An employee who is not a member sees nothing either.
    const outsider = await makeEmployee(t.ctx);
    const outsiderCaller = await signedIn(t, outsider);
    expectSameAs(await readActivity(t, outsiderCaller, shared.id), await missing(outsiderCaller));
    expectSameAs(await readActivity(t, outsiderCaller, internal.id), await missing(outsiderCaller));
    expect(await myActivities(t, outsiderCaller, ALL_TIME)).toEqual([]);

    // The workspace's employees see both; administrators and extranet administrators read any activity.
    expect(ids(await listActivities(t, manager.caller, manager.workspaceId))).toEqual([internal.id, shared.id]);
    const extranetAdmin = await makeEmployee(t.ctx, { role: 'extranet_admin' });
    for (const governor of [admin, await signedIn(t, extranetAdmin)]) {
      expect((await activityAs(t, governor, internal.id)).title).toBe('Price review');
      expect((await activityAs(t, governor, shared.id)).title).toBe('Delivery');
      expect(ids(await listActivities(t, governor, manager.workspaceId))).toEqual([internal.id, shared.id]);
    }
  });
});

describe('what each caller may do', () => {
  it('gives members every action, an attending guest read/confirm/complete, a non-attending guest and an attending viewer read only', async () => {
    const manager = await managerWithWorkspace(t);
    const member = await employeeMember(manager.workspaceId);
    const attending = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const bystander = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const viewer = await inviteAndAccept(t, manager.caller, manager.workspaceId, { role: 'viewer' });
    const activity = await createActivity(t, manager.caller, manager.workspaceId, visit({ attendeeIds: [attending.id, viewer.id] }));

    const all = ['read', 'update', 'confirm', 'complete'];
    expect((await activityAs(t, manager.caller, activity.id)).abilities).toEqual(all);
    expect((await activityAs(t, member.caller, activity.id)).abilities).toEqual(all);
    expect((await activityAs(t, attending.caller, activity.id)).abilities).toEqual(['read', 'confirm', 'complete']);
    expect((await activityAs(t, bystander.caller, activity.id)).abilities).toEqual(['read']);
    expect((await activityAs(t, viewer.caller, activity.id)).abilities).toEqual(['read']);

    const before = await stored(activity.id);
    for (const [label, caller] of [
      ['non-attending guest', bystander.caller],
      ['attending viewer', viewer.caller],
    ] as const) {
      expect((await confirmActivity(t, caller, activity.id)).statusCode, label).toBe(403);
      expect((await reportDone(t, caller, activity.id, { remark: 'Done' })).statusCode, label).toBe(403);
      expect((await patchActivity(t, caller, activity.id, { title: 'Mine' })).statusCode, label).toBe(403);
      expect((await patchActivity(t, caller, activity.id, { status: 'confirmed' })).statusCode, label).toBe(403);
    }
    // An attending guest confirms and reports, but never edits.
    expect((await patchActivity(t, attending.caller, activity.id, { status: 'done' })).statusCode).toBe(403);
    expect((await patchActivity(t, attending.caller, activity.id, { location: 'Elsewhere' })).statusCode).toBe(403);
    expect(await stored(activity.id)).toEqual(before);
    // Guests and viewers never plan.
    for (const caller of [attending.caller, viewer.caller]) {
      expect((await postActivity(t, caller, manager.workspaceId, visit())).statusCode).toBe(403);
    }

    // A plain employee member edits and confirms.
    const edited = await patchActivity(t, member.caller, activity.id, { title: 'Edited by a member' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ title: 'Edited by a member', updatedBy: { id: member.id, name: member.name } });
    const confirmed = await confirmActivity(t, member.caller, activity.id);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', confirmedBy: { id: member.id } });
    const planned = await createActivity(t, member.caller, manager.workspaceId, visit());
    expect(planned.createdBy).toEqual({ id: member.id, name: member.name });
  });

  it('keeps activities read-only while the workspace is archived: abilities only read, every change 409, nothing written', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const activity = await createActivity(t, manager.caller, manager.workspaceId, visit({ attendeeIds: [guest.id] }));
    const archived = await call(t.app, 'POST', `/api/v1/workspaces/${manager.workspaceId}/archive`, undefined, manager.caller);
    expect(archived.statusCode, archived.body).toBe(200);
    const before = await stored(activity.id);
    const audits = await auditCount(activity.id);

    const attempts: [string, () => Promise<LightMyRequestResponse>][] = [
      ['manager plans', () => postActivity(t, manager.caller, manager.workspaceId, visit())],
      ['manager edits', () => patchActivity(t, manager.caller, activity.id, { title: 'After' })],
      [
        'manager edits with If-Match',
        () => patchActivity(t, manager.caller, activity.id, { title: 'After' }, { 'if-match': activity.etag }),
      ],
      ['manager cancels', () => patchActivity(t, manager.caller, activity.id, { status: 'cancelled' })],
      ['manager confirms', () => confirmActivity(t, manager.caller, activity.id)],
      ['manager reports', () => reportDone(t, manager.caller, activity.id, { remark: 'x' })],
      ['attending guest confirms', () => confirmActivity(t, guest.caller, activity.id)],
      ['attending guest reports', () => reportDone(t, guest.caller, activity.id, { remark: 'x' })],
    ];
    for (const [label, attempt] of attempts) expect((await attempt()).statusCode, label).toBe(409);

    expect(await stored(activity.id)).toEqual(before);
    expect(await auditCount(activity.id)).toBe(audits);
    expect((await activityAs(t, manager.caller, activity.id)).abilities).toEqual(['read']);
    expect((await activityAs(t, guest.caller, activity.id)).abilities).toEqual(['read']);
    expect((await listActivities(t, manager.caller, manager.workspaceId)).map((a) => a.abilities)).toEqual([['read']]);
    expect((await myActivities(t, guest.caller, ALL_TIME)).map((a) => [a.id, a.abilities])).toEqual([[activity.id, ['read']]]);
  });
});

describe('attendees', () => {
  it('takes only active, current members; a non-member, another workspace’s guest, a removed, expired or suspended member and a random id get one answer', async () => {
    const manager = await managerWithWorkspace(t);
    const member = await employeeMember(manager.workspaceId);
    const outsider = await makeEmployee(t.ctx);
    const other = await managerWithWorkspace(t);
    const foreignGuest = await inviteAndAccept(t, other.caller, other.workspaceId);
    const removed = await employeeMember(manager.workspaceId);
    await removeMember(manager.caller, manager.workspaceId, removed.id);
    const expired = await employeeMember(manager.workspaceId, { expiresAt: inPast(5) });
    const suspended = await employeeMember(manager.workspaceId);
    const suspension = await call(t.app, 'PATCH', `/api/v1/users/${suspended.id}`, { status: 'suspended' }, admin);
    expect(suspension.statusCode, suspension.body).toBe(200);
    const later = await employeeMember(manager.workspaceId, { expiresAt: inFuture(30) });

    const refusals = [];
    for (const [label, id] of [
      ['non-member', outsider.id],
      ['guest of another workspace', foreignGuest.id],
      ['removed', removed.id],
      ['expired', expired.id],
      ['suspended', suspended.id],
      ['no such user', newId()],
    ] as const) {
      const response = await postActivity(t, manager.caller, manager.workspaceId, visit({ attendeeIds: [member.id, id] }));
      expect(response.statusCode, label).toBe(400);
      refusals.push(fieldErrors(response));
    }
    expect(refusals[0]).toEqual([{ path: '/attendeeIds/1', message: expect.any(String) }]);
    for (const refusal of refusals) expect(refusal).toEqual(refusals[0]);
    expect(await listActivities(t, manager.caller, manager.workspaceId)).toEqual([]);

    const activity = await createActivity(t, manager.caller, manager.workspaceId, visit({ attendeeIds: [member.id, later.id] }));
    // The same rule when the attendees change; the refused change keeps the old list.
    const changed = await patchActivity(t, manager.caller, activity.id, { attendeeIds: [manager.id, expired.id] });
    expect(changed.statusCode).toBe(400);
    expect(fieldErrors(changed)).toEqual([{ path: '/attendeeIds/1', message: refusals[0]?.[0]?.message }]);
    expect(ids((await activityAs(t, manager.caller, activity.id)).attendees).sort()).toEqual([member.id, later.id].sort());
  });

  it('lets viewers attend a shared activity, collapses repeated ids, and names a refused id by its place in the request', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const viewer = await inviteAndAccept(t, manager.caller, manager.workspaceId, { role: 'viewer' });
    const activity = await createActivity(
      t,
      manager.caller,
      manager.workspaceId,
      visit({ attendeeIds: [guest.id, viewer.id, guest.id, manager.id, viewer.id] }),
    );
    expect(ids(activity.attendees).sort()).toEqual([guest.id, viewer.id, manager.id].sort());
    const rows = await t.ctx.db.selectFrom('activity_attendees').select('user_id').where('activity_id', '=', activity.id).execute();
    expect(rows).toHaveLength(3);
    expect(ids(await myActivities(t, viewer.caller, `${ALL_TIME}&attending=true`))).toEqual([activity.id]);

    const response = await postActivity(t, manager.caller, manager.workspaceId, visit({ attendeeIds: [guest.id, guest.id, newId()] }));
    expect(response.statusCode).toBe(400);
    expect(errorPaths(response)).toEqual(['/attendeeIds/2']);
  });

  it('keeps guests and viewers out of an internal activity, and refuses to make an activity internal while they attend', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const viewer = await inviteAndAccept(t, manager.caller, manager.workspaceId, { role: 'viewer' });
    const member = await employeeMember(manager.workspaceId);

    const refusedViewer = await postActivity(
      t,
      manager.caller,
      manager.workspaceId,
      visit({ visibility: 'internal', attendeeIds: [member.id, viewer.id] }),
    );
    expect(refusedViewer.statusCode).toBe(400);
    expect(errorPaths(refusedViewer)).toEqual(['/attendeeIds/1']);

    const activity = await createActivity(t, manager.caller, manager.workspaceId, visit({ attendeeIds: [member.id, guest.id] }));
    const before = await activityAs(t, manager.caller, activity.id);
    const refused = await patchActivity(t, manager.caller, activity.id, { visibility: 'internal' });
    expect(refused.statusCode).toBe(400);
    // No attendees were sent: the path points into the list as the activity shows it.
    expect(errorPaths(refused)).toEqual([`/attendeeIds/${ids(before.attendees).indexOf(guest.id)}`]);
    expect(await activityAs(t, manager.caller, activity.id)).toEqual(before);
    expect((await activityAs(t, guest.caller, activity.id)).visibility).toBe('shared');

    // Without the guest it may become internal; then the guest no longer sees it anywhere.
    const done = await patchActivity(t, manager.caller, activity.id, { visibility: 'internal', attendeeIds: [member.id] });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ visibility: 'internal', attendees: [{ id: member.id, name: member.name }] });
    expectSameAs(await readActivity(t, guest.caller, activity.id), await missing(guest.caller));
    expect(await myActivities(t, guest.caller, ALL_TIME)).toEqual([]);
    // Adding a guest to it afterwards is refused too.
    const again = await patchActivity(t, manager.caller, activity.id, { attendeeIds: [member.id, guest.id] });
    expect(again.statusCode).toBe(400);
    expect(errorPaths(again)).toEqual(['/attendeeIds/1']);
  });
});

describe('time', () => {
  it('keeps instants in UTC whatever the offset given, and shows the wall time in the organizer’s zone, across DST changes', async () => {
    const manager = await managerWithWorkspace(t);
    const india = await createActivity(t, manager.caller, manager.workspaceId, {
      title: 'Call with Pune',
      startsAt: '2031-05-01T10:00:00+05:30',
      endsAt: '2031-05-01T11:15:00.5+05:30',
      timeZone: 'Asia/Kolkata',
    });
    expect(india).toMatchObject({
      startsAt: '2031-05-01T04:30:00.000Z',
      endsAt: '2031-05-01T05:45:00.500Z',
      timeZone: 'Asia/Kolkata',
      localStartsAt: '2031-05-01T10:00',
      localEndsAt: '2031-05-01T11:15',
    });
    // No zone given: UTC.
    const plain = await createActivity(t, manager.caller, manager.workspaceId, {
      title: 'Plain',
      startsAt: '2031-05-01T10:00:00-02:00',
      endsAt: '2031-05-01T13:00:00Z',
    });
    expect(plain).toMatchObject({ startsAt: '2031-05-01T12:00:00.000Z', timeZone: 'UTC', localStartsAt: '2031-05-01T12:00' });

    // New York leaves daylight saving time on Sunday 3 November 2030: 09:00 stays 09:00 on both sides.
    const newYork = await createActivity(t, manager.caller, manager.workspaceId, {
      title: 'Site visit',
      startsAt: '2030-11-02T09:00:00-04:00',
      endsAt: '2030-11-04T09:00:00-05:00',
      timeZone: 'America/New_York',
    });
    expect(newYork).toMatchObject({
      startsAt: '2030-11-02T13:00:00.000Z',
      endsAt: '2030-11-04T14:00:00.000Z',
      localStartsAt: '2030-11-02T09:00',
      localEndsAt: '2030-11-04T09:00',
    });
    // Paris springs forward on Sunday 31 March 2030 at 01:00 UTC (02:00 becomes 03:00).
    const paris = await createActivity(t, manager.caller, manager.workspaceId, {
      title: 'Night shift',
      startsAt: '2030-03-31T00:30:00Z',
      endsAt: '2030-03-31T01:30:00Z',
      timeZone: 'Europe/Paris',
    });
    expect(paris).toMatchObject({ localStartsAt: '2030-03-31T01:30', localEndsAt: '2030-03-31T03:30' });
    // Changing the zone alone keeps the instants and moves the wall time.
    const moved = await patchActivity(t, manager.caller, paris.id, { timeZone: 'America/New_York' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      startsAt: '2030-03-31T00:30:00.000Z',
      endsAt: '2030-03-31T01:30:00.000Z',
      timeZone: 'America/New_York',
      localStartsAt: '2030-03-30T20:30',
      localEndsAt: '2030-03-30T21:30',
    });
    // Every reader gets the same instants and the organizer's wall time (the client shows its own zone).
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    expect(await activityAs(t, guest.caller, newYork.id)).toMatchObject({
      startsAt: '2030-11-02T13:00:00.000Z',
      localStartsAt: '2030-11-02T09:00',
      timeZone: 'America/New_York',
    });
  });

  it('refuses an end at or before the start, more than 31 days, an unknown zone and malformed dates, naming the field and writing nothing', async () => {
    const manager = await managerWithWorkspace(t);
    const base = { title: 'Delivery', startsAt: '2031-03-01T10:00:00Z', endsAt: '2031-03-01T11:00:00Z' };
    const cases: [object, string][] = [
      [{ ...base, endsAt: '2031-03-01T09:59:59Z' }, '/endsAt'],
      // The same instant written with another offset is not after the start.
      [{ ...base, endsAt: '2031-03-01T11:00:00+01:00' }, '/endsAt'],
      [{ ...base, endsAt: '2031-04-01T10:00:01Z' }, '/endsAt'],
      [{ ...base, timeZone: 'Europe/Atlantis' }, '/timeZone'],
      [{ ...base, timeZone: '' }, '/timeZone'],
      [{ ...base, startsAt: '2031-03-01' }, '/startsAt'],
      [{ ...base, startsAt: '2031-03-01T10:00:00' }, '/startsAt'],
      [{ ...base, startsAt: '01/03/2031 10:00' }, '/startsAt'],
      [{ ...base, startsAt: '2031-02-30T10:00:00Z' }, '/startsAt'],
      [{ ...base, endsAt: 'tomorrow' }, '/endsAt'],
      [{ ...base, endsAt: 1_900_000_000_000 }, '/endsAt'],
      [{ title: 'No end', startsAt: base.startsAt }, '/endsAt'],
      [{ title: 'No start', endsAt: base.endsAt }, '/startsAt'],
    ];
    for (const [body, path] of cases) {
      const refused = await postActivity(t, manager.caller, manager.workspaceId, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(errorPaths(refused), JSON.stringify(body)).toEqual([path]);
    }
    expect(await listActivities(t, manager.caller, manager.workspaceId)).toEqual([]);
    // Exactly 31 days is allowed.
    const month = await createActivity(t, manager.caller, manager.workspaceId, { ...base, endsAt: '2031-04-01T10:00:00Z' });

    // The same rules on a change, against the stored start or end; nothing is written.
    const before = await stored(month.id);
    const changes: [object, string][] = [
      [{ startsAt: '2031-04-01T10:00:00Z' }, '/endsAt'],
      [{ endsAt: '2031-03-01T10:00:00Z' }, '/endsAt'],
      [{ startsAt: '2031-02-28T10:00:00Z' }, '/endsAt'],
      [{ timeZone: 'Nowhere/Else' }, '/timeZone'],
      [{ startsAt: 'soon' }, '/startsAt'],
    ];
    for (const [body, path] of changes) {
      const refused = await patchActivity(t, manager.caller, month.id, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorPaths(refused), JSON.stringify(body)).toEqual([path]);
    }
    expect(await stored(month.id)).toEqual(before);
  });
});

describe('Planned activities (/me/activities) and the workspace list', () => {
  it('starts at now by default: what ended is gone, what runs now is there; `to` alone bounds the end', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const plan = (title: string, from: number, to: number) =>
      createActivity(t, manager.caller, manager.workspaceId, { title, startsAt: hoursFromNow(from), endsAt: hoursFromNow(to) });
    const later = await plan('Later', 48, 50);
    const yesterday = await plan('Yesterday', -26, -24);
    const running = await plan('Running', -1, 1);

    expect(ids(await myActivities(t, guest.caller))).toEqual([running.id, later.id]);
    expect(ids(await myActivities(t, manager.caller))).toEqual([running.id, later.id]);
    expect(ids(await myActivities(t, guest.caller, `to=${encodeURIComponent(hoursFromNow(24))}`))).toEqual([running.id]);
    expect(ids(await myActivities(t, guest.caller, `from=${encodeURIComponent(hoursFromNow(-48))}`))).toEqual([
      yesterday.id,
      running.id,
      later.id,
    ]);
    // The workspace list has no default window: everything, by start.
    expect(ids(await listActivities(t, guest.caller, manager.workspaceId))).toEqual([yesterday.id, running.id, later.id]);
  });

  it('shows a month by overlap, by start, filtered by workspace, attendance and status; refuses a window that ends before it starts', async () => {
    const first = await managerWithWorkspace(t);
    const second = await managerWithWorkspace(t);
    const me = await employeeMember(first.workspaceId);
    await addMember(t, second.workspaceId, me.id, 'member');
    const plan = (owner: typeof first, title: string, startsAt: string, endsAt: string, attendeeIds: string[] = []) =>
      createActivity(t, owner.caller, owner.workspaceId, { title, startsAt, endsAt, attendeeIds });

    // Created out of order on purpose.
    const april = await plan(first, 'April', '2031-04-15T09:00:00Z', '2031-04-15T10:00:00Z', [me.id]);
    const crossing = await plan(second, 'Night inventory', '2031-03-31T22:00:00Z', '2031-04-01T02:00:00Z', [me.id]);
    const march = await plan(first, 'March', '2031-03-10T09:00:00Z', '2031-03-10T10:00:00Z');
    const endsAtMonthStart = await plan(first, 'Ends as March begins', '2031-02-28T23:00:00Z', '2031-03-01T00:00:00Z');
    const startsAtMonthEnd = await plan(second, 'Starts as April begins', '2031-04-01T00:00:00Z', '2031-04-01T01:00:00Z');
    const early = await plan(second, 'Early March', '2031-03-02T08:00:00Z', '2031-03-02T09:00:00Z', [me.id]);
    const cancelled = await plan(first, 'Called off', '2031-03-20T09:00:00Z', '2031-03-20T10:00:00Z');
    expect((await patchActivity(t, first.caller, cancelled.id, { status: 'cancelled' })).statusCode).toBe(200);

    const MARCH = `from=${encodeURIComponent('2031-03-01T00:00:00Z')}&to=${encodeURIComponent('2031-04-01T00:00:00Z')}`;
    const APRIL = `from=${encodeURIComponent('2031-04-01T00:00:00Z')}&to=${encodeURIComponent('2031-05-01T00:00:00Z')}`;
    expect(ids(await myActivities(t, me.caller, MARCH))).toEqual([early.id, march.id, cancelled.id, crossing.id]);
    expect(ids(await myActivities(t, me.caller, APRIL))).toEqual([crossing.id, startsAtMonthEnd.id, april.id]);
    expect(ids(await myActivities(t, me.caller, `${MARCH}&workspaceId=${second.workspaceId}`))).toEqual([early.id, crossing.id]);
    expect(ids(await myActivities(t, me.caller, `${MARCH}&attending=true`))).toEqual([early.id, crossing.id]);
    expect(ids(await myActivities(t, me.caller, `${APRIL}&attending=true&workspaceId=${first.workspaceId}`))).toEqual([april.id]);
    expect(ids(await myActivities(t, me.caller, `${MARCH}&status=cancelled`))).toEqual([cancelled.id]);
    expect(ids(await myActivities(t, me.caller, `${MARCH}&status=planned&status=cancelled`))).toEqual([
      early.id,
      march.id,
      cancelled.id,
      crossing.id,
    ]);
    const items = await myActivities(t, me.caller, MARCH);
    expect(items.find((i) => i.id === crossing.id)?.workspace).toEqual({ id: second.workspaceId, name: second.workspaceName });
    expect(items.find((i) => i.id === march.id)?.workspace).toEqual({ id: first.workspaceId, name: first.workspaceName });
    // The workspace list uses the same window.
    expect(ids(await listActivities(t, me.caller, first.workspaceId, MARCH))).toEqual([march.id, cancelled.id]);
    expect(ids(await listActivities(t, me.caller, first.workspaceId, ALL_TIME))).toEqual([
      endsAtMonthStart.id,
      march.id,
      cancelled.id,
      april.id,
    ]);

    const windows: [string, string][] = [
      [`from=${encodeURIComponent('2031-04-01T00:00:00Z')}&to=${encodeURIComponent('2031-03-01T00:00:00Z')}`, '/querystring/to'],
      [`from=${encodeURIComponent('2031-04-01T00:00:00Z')}&to=${encodeURIComponent('2031-04-01T02:00:00+02:00')}`, '/querystring/to'],
      ['from=tomorrow', '/querystring/from'],
      ['to=2031-03-01', '/querystring/to'],
      ['status=postponed', '/querystring/status/0'],
    ];
    for (const [query, path] of windows) {
      const response = await myActivitiesResponse(t, me.caller, query);
      expect(response.statusCode, query).toBe(400);
      expect(errorPaths(response), query).toEqual([path]);
      const list = await listActivitiesResponse(t, me.caller, first.workspaceId, query);
      expect(list.statusCode, query).toBe(400);
      expect(errorPaths(list), query).toEqual([path]);
    }
  });
});

describe('statuses', () => {
  it('lets an attending guest confirm twice (one audit row), report done straight from planned, and change the remark; confirming after done is 409', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const first = await createActivity(t, manager.caller, manager.workspaceId, visit({ attendeeIds: [guest.id] }));
    const once = await confirmActivity(t, guest.caller, first.id);
    expect(once.statusCode, once.body).toBe(200);
    const twice = await confirmActivity(t, guest.caller, first.id);
    expect(twice.statusCode, twice.body).toBe(200);
    expect(twice.json()).toMatchObject({ status: 'confirmed', confirmedBy: { id: guest.id }, confirmedAt: once.json().confirmedAt });
    expect(twice.headers.etag).toBe(once.headers.etag);
    expect(await auditOf(t, 'activity.confirmed', first.id)).toHaveLength(1);

    const second = await createActivity(t, manager.caller, manager.workspaceId, visit({ attendeeIds: [guest.id] }));
    const done = await reportDone(t, guest.caller, second.id, { remark: 'Pump serviced.' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'done',
      doneBy: { id: guest.id, name: guest.name },
      doneAt: expect.any(String),
      doneRemark: 'Pump serviced.',
    });
    const doneAt = done.json().doneAt;
    // Reporting again with a new remark updates the remark only; who and when stay.
    const corrected = await reportDone(t, manager.caller, second.id, { remark: 'Pump serviced, filter replaced.' });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json()).toMatchObject({
      status: 'done',
      doneBy: { id: guest.id },
      doneAt,
      doneRemark: 'Pump serviced, filter replaced.',
    });
    expect(await activityAs(t, guest.caller, second.id)).toMatchObject({ doneRemark: 'Pump serviced, filter replaced.' });
    // Without a remark it changes nothing.
    const same = await reportDone(t, guest.caller, second.id);
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json().doneRemark).toBe('Pump serviced, filter replaced.');
    expect(same.headers.etag).toBe(corrected.headers.etag);

    const conflict = await confirmActivity(t, guest.caller, second.id);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await activityAs(t, manager.caller, second.id)).status).toBe('done');
  });

  it('refuses to confirm or report a cancelled activity; an employee setting it back to planned clears who confirmed and reported', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const activity = await createActivity(t, manager.caller, manager.workspaceId, visit({ attendeeIds: [guest.id] }));
    expect((await patchActivity(t, manager.caller, activity.id, { status: 'cancelled' })).statusCode).toBe(200);
    const before = await stored(activity.id);
    for (const caller of [guest.caller, manager.caller]) {
      expect((await confirmActivity(t, caller, activity.id)).statusCode).toBe(409);
      expect((await reportDone(t, caller, activity.id, { remark: 'It happened anyway' })).statusCode).toBe(409);
    }
    expect(await stored(activity.id)).toEqual(before);

    expect((await patchActivity(t, manager.caller, activity.id, { status: 'planned' })).statusCode).toBe(200);
    expect((await confirmActivity(t, guest.caller, activity.id)).statusCode).toBe(200);
    expect((await reportDone(t, guest.caller, activity.id, { remark: 'Done' })).statusCode).toBe(200);
    const reset = await patchActivity(t, manager.caller, activity.id, { status: 'planned' });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toMatchObject({
      status: 'planned',
      confirmedBy: null,
      confirmedAt: null,
      doneBy: null,
      doneAt: null,
      doneRemark: null,
    });
    const stateRow = await stored(activity.id);
    expect([stateRow.confirmed_by, stateRow.confirmed_at, stateRow.done_by, stateRow.done_at, stateRow.done_remark]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    // An employee may also set `confirmed` directly: it records who did.
    const confirmed = await patchActivity(t, manager.caller, activity.id, { status: 'confirmed' });
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', confirmedBy: { id: manager.id }, doneBy: null });
  });

  it('guards edits with If-Match: a stale copy answers 412 and changes nothing; an empty change answers 200 with the same ETag and no audit row', async () => {
    const manager = await managerWithWorkspace(t);
    const member = await employeeMember(manager.workspaceId);
    const activity = await createActivity(t, manager.caller, manager.workspaceId, visit({ location: 'Gate A' }));
    const edited = await patchActivity(t, member.caller, activity.id, { location: 'Gate B' }, { 'if-match': activity.etag });
    expect(edited.statusCode, edited.body).toBe(200);
    const etag = edited.headers.etag as string;
    expect(etag).not.toBe(activity.etag);

    const before = await stored(activity.id);
    const audits = await auditCount(activity.id);
    const stale = await patchActivity(
      t,
      manager.caller,
      activity.id,
      { location: 'Gate C', status: 'cancelled' },
      { 'if-match': activity.etag },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await stored(activity.id)).toEqual(before);
    expect(await auditCount(activity.id)).toBe(audits);
    expect((await readActivity(t, manager.caller, activity.id)).headers.etag).toBe(etag);
    // A confirmation changes the version too: a copy from before it is stale.
    const confirmed = await confirmActivity(t, manager.caller, activity.id);
    expect(confirmed.headers.etag).not.toBe(etag);
    expect((await patchActivity(t, manager.caller, activity.id, { title: 'x' }, { 'if-match': etag })).statusCode).toBe(412);

    const current = confirmed.headers.etag as string;
    const stateBefore = await stored(activity.id);
    const auditsBefore = await auditCount(activity.id);
    const empty = await patchActivity(t, manager.caller, activity.id, {}, { 'if-match': current });
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.headers.etag).toBe(current);
    expect(await stored(activity.id)).toEqual(stateBefore);
    expect(await auditCount(activity.id)).toBe(auditsBefore);
    const withCurrent = await patchActivity(t, manager.caller, activity.id, { title: 'Checked' }, { 'if-match': current });
    expect(withCurrent.statusCode, withCurrent.body).toBe(200);
  });
  it('treats a change made only of unknown fields like an empty one: 200, same ETag, no audit row, nothing stored', async () => {
    const manager = await managerWithWorkspace(t);
    const activity = await createActivity(t, manager.caller, manager.workspaceId, visit());
    const before = await stored(activity.id);
    const audits = await auditCount(activity.id);
    const response = await patchActivity(t, manager.caller, activity.id, { colour: 'red' }, { 'if-match': activity.etag });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers.etag).toBe(activity.etag);
    expect(response.json()).not.toHaveProperty('colour');
    expect(await stored(activity.id)).toEqual(before);
    expect(await auditCount(activity.id)).toBe(audits);
  });
});

describe('removal and expiry', () => {
  it('hides the activity from a guest removed from the workspace or whose membership ended, on the very next request', async () => {
    const manager = await managerWithWorkspace(t);
    const home = await managerWithWorkspace(t);
    // Both guests keep another workspace, so removal does not suspend their account.
    const removed = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const ended = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    for (const g of [removed, ended]) await addMember(t, home.workspaceId, g.id, 'guest', { sponsorId: home.id });
    const elsewhere = await createActivity(
      t,
      home.caller,
      home.workspaceId,
      visit({ title: 'At home', attendeeIds: [removed.id, ended.id] }),
    );
    const activity = await createActivity(
      t,
      manager.caller,
      manager.workspaceId,
      visit({ startsAt: hoursFromNow(24), endsAt: hoursFromNow(25), attendeeIds: [removed.id, ended.id] }),
    );
    for (const g of [removed, ended]) {
      expect(ids(await myActivities(t, g.caller))).toEqual([activity.id, elsewhere.id]);
      expect((await activityAs(t, g.caller, activity.id)).abilities).toEqual(['read', 'confirm', 'complete']);
    }

    await removeMember(manager.caller, manager.workspaceId, removed.id);
    await t.ctx.db
      .updateTable('memberships')
      .set({ expires_at: inPast(1) })
      .where('workspace_id', '=', manager.workspaceId)
      .where('user_id', '=', ended.id)
      .execute();

    for (const g of [removed, ended]) {
      const reference = await missing(g.caller);
      expectSameAs(await readActivity(t, g.caller, activity.id), reference);
      expectSameAs(await confirmActivity(t, g.caller, activity.id), reference);
      expectSameAs(await reportDone(t, g.caller, activity.id, { remark: 'x' }), reference);
      expect(ids(await myActivities(t, g.caller))).toEqual([elsewhere.id]);
      expect(ids(await myActivities(t, g.caller, `attending=true&${ALL_TIME}`))).toEqual([elsewhere.id]);
      expect(await myActivities(t, g.caller, `workspaceId=${manager.workspaceId}`)).toEqual([]);
      expect((await listActivitiesResponse(t, g.caller, manager.workspaceId)).statusCode).toBe(404);
    }
    expect((await activityAs(t, manager.caller, activity.id)).status).toBe('planned');
  });
});

describe('the audit trail', () => {
  it('records activity.created, activity.updated, activity.confirmed and activity.done with the actor and the workspace; refusals leave no trace', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const activity = await createActivity(
      t,
      manager.caller,
      manager.workspaceId,
      visit({ title: 'Audited', timeZone: 'Europe/Paris', attendeeIds: [guest.id] }),
    );
    expect((await patchActivity(t, manager.caller, activity.id, { title: 'Audited, renamed', status: 'planned' })).statusCode).toBe(200);
    expect((await confirmActivity(t, guest.caller, activity.id)).statusCode).toBe(200);
    expect((await reportDone(t, guest.caller, activity.id, { remark: ' All fine ' })).statusCode).toBe(200);

    const row = (actorId: string, action: string) => ({
      actor_id: actorId,
      action,
      target_type: 'activity',
      target_id: activity.id,
      workspace_id: manager.workspaceId,
    });
    const created = await auditOf(t, 'activity.created', activity.id);
    expect(created).toEqual([expect.objectContaining(row(manager.id, 'activity.created'))]);
    expect(JSON.parse(created[0]?.details ?? '{}')).toMatchObject({
      title: 'Audited',
      startsAt: '2031-06-10T09:00:00.000Z',
      endsAt: '2031-06-10T10:00:00.000Z',
      timeZone: 'Europe/Paris',
      visibility: 'shared',
      attendeeIds: [guest.id],
    });
    const updated = await auditOf(t, 'activity.updated', activity.id);
    expect(updated).toEqual([expect.objectContaining(row(manager.id, 'activity.updated'))]);
    expect(JSON.parse(updated[0]?.details ?? '{}')).toMatchObject({
      title: 'Audited, renamed',
      status: 'planned',
      previousStatus: 'planned',
    });
    const confirmed = await auditOf(t, 'activity.confirmed', activity.id);
    expect(confirmed).toEqual([expect.objectContaining(row(guest.id, 'activity.confirmed'))]);
    expect(JSON.parse(confirmed[0]?.details ?? '{}')).toMatchObject({ previousStatus: 'planned' });
    const done = await auditOf(t, 'activity.done', activity.id);
    expect(done).toEqual([expect.objectContaining(row(guest.id, 'activity.done'))]);
    expect(JSON.parse(done[0]?.details ?? '{}')).toMatchObject({ previousStatus: 'confirmed', remark: 'All fine' });

    // Refused changes leave no trace.
    const audits = await auditCount(activity.id);
    expect((await patchActivity(t, guest.caller, activity.id, { title: 'Not allowed' })).statusCode).toBe(403);
    expect((await patchActivity(t, manager.caller, activity.id, { title: 'Stale' }, { 'if-match': activity.etag })).statusCode).toBe(412);
    expect((await patchActivity(t, manager.caller, activity.id, { endsAt: '2020-01-01T00:00:00Z' })).statusCode).toBe(400);
    expect((await confirmActivity(t, guest.caller, activity.id)).statusCode).toBe(409);
    expect(await auditCount(activity.id)).toBe(audits);
  });
});

describe('bad input', () => {
  it('answers 400 naming the field for a missing, blank or too long title, too long texts, a wrong visibility, and attendees that are not a list', async () => {
    const manager = await managerWithWorkspace(t);
    const member = await employeeMember(manager.workspaceId);
    const base = visit();
    const cases: [unknown, string[]][] = [
      [{ startsAt: base.startsAt, endsAt: base.endsAt }, ['/title']],
      [{ ...base, title: '' }, ['/title']],
      [{ ...base, title: '   ' }, ['/title']],
      [{ ...base, title: '\t\n' }, ['/title']],
      [{ ...base, title: 'x'.repeat(301) }, ['/title']],
      [{ ...base, location: 'x'.repeat(501) }, ['/location']],
      [{ ...base, description: 'x'.repeat(20_001) }, ['/description']],
      [{ ...base, visibility: 'secret' }, ['/visibility']],
      [{ ...base, attendeeIds: { first: member.id } }, ['/attendeeIds']],
      // The app coerces a lone value into a one-item list (for query strings), so null is refused as its first item.
      [{ ...base, attendeeIds: null }, ['/attendeeIds/0']],
      [{ ...base, attendeeIds: 'everyone' }, ['/attendeeIds/0']],
      [{ ...base, attendeeIds: [42.5] }, ['/attendeeIds/0']],
      [{ ...base, attendeeIds: Array.from({ length: 101 }, () => member.id) }, ['/attendeeIds']],
      [{ ...base, title: '', location: 'x'.repeat(501) }, ['/title', '/location']],
    ];
    for (const [body, paths] of cases) {
      const response = await postActivity(t, manager.caller, manager.workspaceId, body);
      expect(response.statusCode, JSON.stringify(body).slice(0, 120)).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(new Set(errorPaths(response)), JSON.stringify(body).slice(0, 120)).toEqual(new Set(paths));
    }
    expect(await listActivities(t, manager.caller, manager.workspaceId)).toEqual([]);

    // Limits are inclusive (counted before trimming); unknown fields are dropped, not stored.
    const edge = await createActivity(t, manager.caller, manager.workspaceId, {
      ...base,
      title: 't'.repeat(300),
      location: `  ${'l'.repeat(498)}`,
      colour: 'red',
    } as ActivityBody);
    expect(edge.title).toBe('t'.repeat(300));
    expect(edge.location).toBe('l'.repeat(498));
    expect(edge).not.toHaveProperty('colour');

    const activity = await createActivity(t, manager.caller, manager.workspaceId, visit({ attendeeIds: [member.id] }));
    const before = await stored(activity.id);
    const changes: [unknown, string][] = [
      [{ title: '  ' }, '/title'],
      [{ title: 'x'.repeat(301) }, '/title'],
      [{ location: 'x'.repeat(501) }, '/location'],
      [{ status: 'postponed' }, '/status'],
      [{ attendeeIds: 'everyone' }, '/attendeeIds'],
    ];
    for (const [body, path] of changes) {
      const response = await patchActivity(t, manager.caller, activity.id, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorPaths(response)[0] ?? '', JSON.stringify(body)).toMatch(new RegExp(`^${path}(/0)?$`));
    }
    expect(await stored(activity.id)).toEqual(before);

    const long = await reportDone(t, member.caller, activity.id, { remark: 'r'.repeat(2_001) });
    expect(long.statusCode).toBe(400);
    expect(errorPaths(long)).toEqual(['/remark']);
    const notText = await reportDone(t, member.caller, activity.id, { remark: { text: 'x' } });
    expect(notText.statusCode).toBe(400);
    expect(errorPaths(notText)).toEqual(['/remark']);
    expect(await stored(activity.id)).toEqual(before);
    const longest = await reportDone(t, member.caller, activity.id, { remark: 'r'.repeat(2_000) });
    expect(longest.statusCode, longest.body).toBe(200);
    expect(longest.json().doneRemark).toHaveLength(2_000);
  });
});
