import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { adminCaller, auditOf, enableExtranet, inviteAndAccept, managerWithWorkspace } from '../support/workspaces.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await enableExtranet(t, await adminCaller(t));
});
afterAll(async () => {
  await t.close();
});

const nextYear = new Date().getUTCFullYear() + 1;

describe('planned activities with a guest', () => {
  it('plans a visit in the organizer’s zone; the attending guest sees it, confirms it and reports it done; an internal one stays hidden', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const created = await call(
      t.app,
      'POST',
      `/api/v1/workspaces/${manager.workspaceId}/activities`,
      {
        title: 'Maintenance visit',
        location: 'Plant 2, gate B',
        // 09:00 in Paris in July is 07:00 UTC.
        startsAt: `${nextYear}-07-14T09:00:00+02:00`,
        endsAt: `${nextYear}-07-14T11:30:00+02:00`,
        timeZone: 'Europe/Paris',
        attendeeIds: [guest.id],
      },
      manager.caller,
    );
    expect(created.statusCode, created.body).toBe(201);
    const visit = created.json();
    expect(visit).toMatchObject({
      status: 'planned',
      visibility: 'shared',
      startsAt: `${nextYear}-07-14T07:00:00.000Z`,
      localStartsAt: `${nextYear}-07-14T09:00`,
      localEndsAt: `${nextYear}-07-14T11:30`,
      attendees: [{ id: guest.id, name: guest.name }],
    });
    const internal = await call(
      t.app,
      'POST',
      `/api/v1/workspaces/${manager.workspaceId}/activities`,
      {
        title: 'Price review',
        visibility: 'internal',
        startsAt: `${nextYear}-07-15T09:00:00Z`,
        endsAt: `${nextYear}-07-15T10:00:00Z`,
      },
      manager.caller,
    );
    expect(internal.statusCode).toBe(201);

    const mine = (await call(t.app, 'GET', '/api/v1/me/activities', undefined, guest.caller)).json().items;
    expect(mine.map((a: { id: string }) => a.id)).toEqual([visit.id]);
    expect(mine[0].abilities).toEqual(['read', 'confirm', 'complete']);
    expect((await call(t.app, 'GET', `/api/v1/activities/${internal.json().id}`, undefined, guest.caller)).statusCode).toBe(404);
    expect((await call(t.app, 'PATCH', `/api/v1/activities/${visit.id}`, { title: 'Other' }, guest.caller)).statusCode).toBe(403);

    const confirmed = await call(t.app, 'POST', `/api/v1/activities/${visit.id}/confirm`, undefined, guest.caller);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', confirmedBy: { id: guest.id } });
    const done = await call(t.app, 'POST', `/api/v1/activities/${visit.id}/done`, { remark: '  Seal replaced. ' }, guest.caller);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', doneBy: { id: guest.id }, doneRemark: 'Seal replaced.' });
    expect((await call(t.app, 'POST', `/api/v1/activities/${visit.id}/confirm`, undefined, guest.caller)).statusCode).toBe(409);
    expect((await auditOf(t, 'activity.done', visit.id)).length).toBe(1);

    // A stale copy changes nothing.
    const stale = await call(t.app, 'PATCH', `/api/v1/activities/${visit.id}`, { status: 'cancelled' }, manager.caller, {
      'if-match': created.headers.etag as string,
    });
    expect(stale.statusCode).toBe(412);
  });

  it('refuses an end before the start, an unknown zone and a guest at an internal activity, naming the field', async () => {
    const manager = await managerWithWorkspace(t);
    const guest = await inviteAndAccept(t, manager.caller, manager.workspaceId);
    const url = `/api/v1/workspaces/${manager.workspaceId}/activities`;
    const base = { title: 'Delivery', startsAt: `${nextYear}-03-01T10:00:00Z`, endsAt: `${nextYear}-03-01T11:00:00Z` };
    const cases: [object, string][] = [
      [{ ...base, endsAt: base.startsAt }, '/endsAt'],
      [{ ...base, timeZone: 'Mars/Olympus' }, '/timeZone'],
      [{ ...base, visibility: 'internal', attendeeIds: [guest.id] }, '/attendeeIds/0'],
    ];
    for (const [body, path] of cases) {
      const refused = await call(t.app, 'POST', url, body, manager.caller);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.json().errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
    expect((await call(t.app, 'POST', url, base, guest.caller)).statusCode).toBe(403);
    // A zone is kept as the runtime spells it, so calendars and readers agree on its name.
    const lower = await call(t.app, 'POST', url, { ...base, timeZone: 'europe/paris' }, manager.caller);
    expect(lower.json().timeZone).toBe('Europe/Paris');
    // Planned activities start now unless asked otherwise: a past end alone says what to do instead.
    const past = await call(t.app, 'GET', `/api/v1/me/activities?to=${nextYear - 3}-01-01T00:00:00Z`, undefined, manager.caller);
    expect(past.json().errors).toEqual([{ path: '/querystring/to', message: 'must be in the future, or give `from` as well' }]);
  });

  it('pages Planned activities by start, without gaps or repeats', async () => {
    const manager = await managerWithWorkspace(t);
    const url = `/api/v1/workspaces/${manager.workspaceId}/activities`;
    for (const day of [5, 3, 3, 4, 1]) {
      const created = await call(
        t.app,
        'POST',
        url,
        { title: `Day ${day}`, startsAt: `${nextYear}-04-0${day}T09:00:00Z`, endsAt: `${nextYear}-04-0${day}T10:00:00Z` },
        manager.caller,
      );
      expect(created.statusCode, created.body).toBe(201);
    }
    const from = `${nextYear}-04-01T00:00:00Z`;
    const all = (await call(t.app, 'GET', `/api/v1/me/activities?from=${from}`, undefined, manager.caller)).json();
    expect(all.items.map((a: { title: string }) => a.title)).toEqual(['Day 1', 'Day 3', 'Day 3', 'Day 4', 'Day 5']);
    expect(all.nextCursor).toBeNull();
    const paged: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await call(
        t.app,
        'GET',
        `/api/v1/me/activities?from=${from}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        undefined,
        manager.caller,
      );
      expect(page.statusCode, page.body).toBe(200);
      paged.push(...page.json().items.map((a: { id: string }) => a.id));
      cursor = page.json().nextCursor;
    }
    expect(paged).toEqual(all.items.map((a: { id: string }) => a.id));
  });
});
