import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, signInApi, signInPage } from '../support/e2e-session.js';
import { guestJoins, startE2eStack, stopE2eStack } from '../support/e2e-stack.js';
import type { ServerProcess } from '../support/server-process.js';
import type { SmtpReceiver } from '../support/smtp-receiver.js';

// Journey 4 of the product brief, for planned activities: an employee in Paris plans a maintenance
// visit with the technician attending; the technician, in New York, finds it under Planned
// activities (as a list and in the month calendar, in their own time with the organizer's beside
// it), confirms it and reports it done with a remark. An internal activity of the same workspace
// never reaches the technician. The technician subscribes to their calendar feed (the visit in it, the
// internal activity not), renews its address (the old one stops working), and comments on the visit.

const ADMIN = { email: 'ada@company.example', password: 'a long admin passphrase 2026' };
const EMPLOYEE = { email: 'eve@company.example', name: 'Eve Employee', password: 'eve has a long passphrase' };
const GUEST = { email: 'technician@supplier.example', name: 'Tom Technician', password: 'tom sets a long passphrase' };
const WORKSPACE = 'Press line 3 — service contract';
const VISIT = 'Maintenance visit';
const INTERNAL = 'Budget review before the visit';
const REMARK = 'Seals replaced; the pump needs a new filter next time.';
const COMMENT = 'The spare filter is on order; I will bring it next time.';
const ORGANIZER_ZONE = 'Europe/Paris';
const READER_ZONE = 'America/New_York';

let server: ServerProcess;
let smtp: SmtpReceiver;
let browser: Browser;

const api = apiOf(() => server.url);
const signIn = (email: string, password: string) => signInApi(api, email, password);
const signInAt = (page: Page, email: string, password: string) => signInPage(page, server.url, email, password);

const _sentTo = (email: string) => (mail: ParsedMail) => JSON.stringify(mail.to ?? '').includes(email);

/** A calendar day (YYYY-MM-DD) `days` from today in `zone`. */
function dayIn(zone: string, days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

beforeAll(async () => {
  ({ server, smtp, browser } = await startE2eStack(ADMIN, [EMPLOYEE]));
});

afterAll(() => stopE2eStack({ server, smtp, browser }));

describe('planned activities: a guest attends, confirms and reports; internal ones hidden (Chromium)', () => {
  it('lets the employee plan a visit the technician confirms and reports done, in their own time zone', async () => {
    // The workspace and the invitation have their own tests: here they go through the API.
    const employeeApi = await signIn(EMPLOYEE.email, EMPLOYEE.password);
    const workspace = (await (await api('POST', '/api/v1/workspaces', { name: WORKSPACE }, employeeApi)).json()) as { id: string };
    await guestJoins({ server, smtp }, employeeApi, workspace.id, GUEST);

    // The employee, in Paris, plans the visit in the browser: 09:00–11:30 their time, two days from now.
    const visitDay = dayIn(ORGANIZER_ZONE, 2);
    const employee = await browser.newContext({ timezoneId: ORGANIZER_ZONE, locale: 'en-GB' });
    employee.setDefaultTimeout(15_000);
    const page = await employee.newPage();
    await signInAt(page, EMPLOYEE.email, EMPLOYEE.password);
    await page.goto(`${server.url}/workspaces/${workspace.id}`);
    await page.getByRole('heading', { name: 'Activities', exact: true }).waitFor();
    await page.getByText('Nothing planned. Plan a visit', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Plan an activity' }).click();
    expect(await page.getByLabel('Time zone').inputValue()).toBe(ORGANIZER_ZONE);
    await page.getByLabel('Title', { exact: true }).fill(VISIT);
    await page.getByLabel('Date', { exact: true }).fill(visitDay);
    await page.getByLabel('Start time').fill('09:00');
    await page.getByLabel('End time').fill('11:30');
    await page.getByLabel('Location').fill('Hall B, press line 3');
    await page.getByLabel('Description').fill('Bring the **torque wrench**.\n<b>Ask</b> for the gate badge.');
    await page.getByLabel('Visibility', { exact: true }).selectOption({ label: 'Shared' });
    await page.getByRole('checkbox', { name: GUEST.name }).check();
    await page.getByRole('button', { name: 'Plan activity' }).click();
    await page.getByText(`The activity “${VISIT}” has been planned.`).waitFor();
    const list = page.getByRole('list', { name: 'Activities', exact: true });
    await list.getByRole('link', { name: VISIT, exact: true }).waitFor();
    const row = list.getByRole('listitem').filter({ has: page.getByRole('link', { name: VISIT, exact: true }) });
    const rowText = (await row.first().textContent()) ?? '';
    for (const fact of ['09:00–11:30', 'Hall B, press line 3', `Attending: ${GUEST.name}`, 'Planned']) expect(rowText).toContain(fact);
    // In the organizer's own zone there is no second clock to show.
    expect(rowText).not.toContain('(your time)');

    // An internal activity offers employees only as attendees, and says it is internal.
    await page.getByRole('button', { name: 'Plan an activity' }).click();
    await page.getByLabel('Title', { exact: true }).fill(INTERNAL);
    await page.getByLabel('Date', { exact: true }).fill(visitDay);
    await page.getByLabel('Start time').fill('08:00');
    await page.getByLabel('End time').fill('08:30');
    await page.getByLabel('Visibility', { exact: true }).selectOption({ label: 'Internal' });
    await page.getByText('Only employees can attend an internal activity.').waitFor();
    expect(await page.getByRole('checkbox', { name: GUEST.name }).count()).toBe(0);
    await page.getByRole('checkbox', { name: EMPLOYEE.name }).check();
    await page.getByRole('button', { name: 'Plan activity' }).click();
    await list.getByRole('link', { name: INTERNAL, exact: true }).waitFor();
    expect(await list.getByRole('listitem').filter({ hasText: INTERNAL }).textContent()).toContain('Internal');

    const planned = (await (await api('GET', `/api/v1/workspaces/${workspace.id}/activities`, undefined, employeeApi)).json()) as {
      items: { id: string; title: string; startsAt: string; timeZone: string }[];
    };
    const visit = planned.items.find((activity) => activity.title === VISIT);
    const internalId = planned.items.find((activity) => activity.title === INTERNAL)?.id;
    expect(visit && internalId).toBeTruthy();
    // 09:00 in Paris, whatever the time of year, stored as the right instant.
    expect(visit?.timeZone).toBe(ORGANIZER_ZONE);
    expect(
      new Intl.DateTimeFormat('en-GB', { timeZone: ORGANIZER_ZONE, hour: '2-digit', minute: '2-digit' }).format(
        new Date(visit?.startsAt ?? ''),
      ),
    ).toBe('09:00');

    // The employee reaches Planned activities from the main navigation and opens the visit, ready to edit it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Planned activities' }).click();
    await page.getByRole('heading', { name: 'Planned activities', level: 1 }).waitFor();
    await page.getByRole('link', { name: INTERNAL, exact: true }).waitFor();
    await page.getByRole('link', { name: VISIT, exact: true }).click();
    await page.getByRole('heading', { name: VISIT, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Edit activity' }).click();

    // The technician, in New York, finds the visit on the workspace page and under Planned activities.
    const guest = await browser.newContext({ timezoneId: READER_ZONE, locale: 'en-GB' });
    guest.setDefaultTimeout(15_000);
    const guestPage = await guest.newPage();
    // The calendar address is asked for only when the technician wants it, never on page load.
    const calendarRequests: string[] = [];
    guestPage.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/v1/me/calendar')) calendarRequests.push(request.url());
    });
    await signInAt(guestPage, GUEST.email, GUEST.password);
    await guestPage.getByRole('heading', { name: WORKSPACE }).waitFor();
    await guestPage.getByRole('list', { name: 'Activities', exact: true }).getByRole('link', { name: VISIT, exact: true }).waitFor();
    expect(await guestPage.getByText(INTERNAL).count()).toBe(0);
    expect(await guestPage.getByRole('button', { name: 'Plan an activity' }).count()).toBe(0);

    await guestPage.getByRole('link', { name: 'Planned activities' }).click();
    await guestPage.getByRole('heading', { name: 'Planned activities', level: 1 }).waitFor();
    const guestRow = guestPage.getByRole('listitem').filter({ has: guestPage.getByRole('link', { name: VISIT, exact: true }) });
    await guestRow.waitFor();
    const guestRowText = (await guestRow.textContent()) ?? '';
    // 09:00 in Paris is 03:00 in New York (02:00 or 04:00 in the weeks the two change their clocks apart).
    const inNewYork = (iso: string) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: READER_ZONE, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
    const endsAt = new Date(Date.parse(visit?.startsAt ?? '') + 150 * 60_000).toISOString();
    expect(guestRowText).toContain(`${inNewYork(visit?.startsAt ?? '')}–${inNewYork(endsAt)} (your time) · 09:00 Europe/Paris`);
    expect(guestRowText).toContain(WORKSPACE);
    expect(await guestPage.getByText(INTERNAL).count()).toBe(0);

    // The calendar feed: the address only on demand, on the public URL, copied, and readable without a cookie.
    await guest.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const feedPanel = guestPage.getByRole('region', { name: 'Calendar feed' });
    await feedPanel.getByText('Anyone with this address can read them: keep it private.', { exact: false }).waitFor();
    expect(await feedPanel.getByLabel('Your calendar address').count()).toBe(0);
    expect(calendarRequests).toEqual([]);
    await feedPanel.getByRole('button', { name: 'Show my calendar address' }).click();
    const feedField = feedPanel.getByLabel('Your calendar address');
    await feedField.waitFor();
    const feedUrl = await feedField.inputValue();
    expect(feedUrl.startsWith(`${server.url}/api/v1/calendar/`)).toBe(true);
    expect(await feedField.getAttribute('readonly')).not.toBeNull();
    // The button that was pressed is gone; the keyboard continues at the address.
    expect(await guestPage.evaluate('document.activeElement?.id')).toBe(await feedField.getAttribute('id'));
    await feedPanel.getByRole('button', { name: 'Copy address' }).click();
    await feedPanel.getByRole('status').getByText('Copied', { exact: true }).waitFor();
    expect(await guestPage.evaluate('navigator.clipboard.readText()')).toBe(feedUrl);
    expect(await feedPanel.getByRole('link', { name: 'Open in my calendar app' }).getAttribute('href')).toBe(
      feedUrl.replace(/^https?:/, 'webcal:'),
    );
    for (const app of ['Outlook', 'Google Calendar', 'Thunderbird']) await feedPanel.getByText(app, { exact: false }).first().waitFor();
    const feed = await fetch(feedUrl);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const ics = await feed.text();
    expect(ics).toContain(`SUMMARY:${VISIT}`);
    expect(ics).not.toContain(INTERNAL);

    // A new address, after a question: the old one stops working at once, the new one works.
    await feedPanel.getByRole('button', { name: 'Get a new address' }).click();
    const renewDialog = guestPage.getByRole('dialog', { name: 'Get a new calendar address?' });
    await renewDialog.getByText('stops working at once', { exact: false }).waitFor();
    await renewDialog.getByRole('button', { name: 'Get a new address' }).click();
    await renewDialog.waitFor({ state: 'hidden' });
    await feedPanel.getByRole('status').getByText('You have a new calendar address.', { exact: false }).waitFor();
    const newFeedUrl = await feedField.inputValue();
    expect(newFeedUrl).not.toBe(feedUrl);
    expect(newFeedUrl.startsWith(`${server.url}/api/v1/calendar/`)).toBe(true);
    expect((await fetch(feedUrl)).status).toBe(404);
    const renewed = await fetch(newFeedUrl);
    expect(renewed.status).toBe(200);
    expect(await renewed.text()).toContain(`SUMMARY:${VISIT}`);

    // Only what they attend: still there, and the address remembers it.
    await guestPage.getByLabel('Only mine (attending)').check();
    await guestPage.waitForURL(/attending=1/);
    await guestRow.waitFor();

    // The month calendar, in the technician's month; the visit's day lists it, today is marked.
    await guestPage.getByRole('button', { name: 'Month', exact: true }).click();
    await guestPage.waitForURL(/view=month/);
    const visitMonth = dayIn(READER_ZONE, 0).slice(0, 7) === visitDay.slice(0, 7) ? null : visitDay.slice(0, 7);
    const calendar = guestPage.getByRole('table');
    await calendar.waitFor();
    expect(await calendar.getByRole('columnheader').count()).toBe(7);
    expect(await calendar.locator('td[aria-current="date"]').count()).toBe(1);
    if (visitMonth) {
      await guestPage.getByRole('button', { name: 'Next month' }).click();
      await guestPage.waitForURL(new RegExp(`month=${visitMonth}`));
    }
    const visitCell = calendar.getByRole('cell').filter({ has: guestPage.getByRole('link', { name: new RegExp(VISIT) }) });
    await visitCell.waitFor();
    expect(await visitCell.textContent()).toContain(`${Number(visitDay.slice(8))}`);
    expect(await calendar.getByText(INTERNAL).count()).toBe(0);
    // Back and forth keeps the view in the address.
    await guestPage.getByRole('button', { name: 'Previous month' }).click();
    await guestPage.getByRole('button', { name: 'Next month' }).click();
    await visitCell.waitFor();

    // On the visit: the Markdown description (its raw HTML as text), the attendees, then Confirm and Mark done.
    await visitCell.getByRole('link', { name: new RegExp(VISIT) }).click();
    await guestPage.getByRole('heading', { name: VISIT, level: 1 }).waitFor();
    const description = guestPage.getByRole('region', { name: 'Description' }).locator('.note-body');
    await description.locator('strong').waitFor();
    expect(await description.textContent()).toContain('<b>Ask</b> for the gate badge.');
    expect(await description.locator('b').count()).toBe(0);
    expect(await guestPage.getByRole('list', { name: 'Attendees' }).textContent()).toContain(GUEST.name);
    expect(await guestPage.getByRole('button', { name: 'Edit activity' }).count()).toBe(0);
    expect(await guestPage.getByRole('button', { name: 'Cancel activity' }).count()).toBe(0);

    await guestPage.getByRole('button', { name: 'Confirm' }).click();
    await guestPage.getByText('The activity is confirmed.').waitFor();
    await guestPage.getByText(new RegExp(`Confirmed .* by ${GUEST.name}`)).waitFor();
    expect(await guestPage.getByRole('button', { name: 'Confirm' }).count()).toBe(0);

    await guestPage.getByRole('button', { name: 'Mark done' }).click();
    await guestPage.getByLabel('Remark').fill(REMARK);
    await guestPage.getByRole('button', { name: 'Report done' }).click();
    await guestPage.getByText('The activity is marked done.').waitFor();
    const history = guestPage.getByRole('region', { name: 'History' });
    await history.getByText(REMARK).waitFor();
    expect(await history.textContent()).toMatch(new RegExp(`Done .* by ${GUEST.name}`));
    expect(await guestPage.getByRole('button', { name: 'Mark done' }).count()).toBe(0);

    // Guests may comment in this workspace (the default): a comment under the visit.
    const guestComments = guestPage.getByRole('region', { name: 'Comments' });
    await guestComments.getByLabel('Write a comment', { exact: true }).fill(COMMENT);
    await guestComments.getByRole('button', { name: 'Post comment' }).click();
    await guestPage.getByText('Your comment has been posted.').waitFor();
    await guestComments
      .getByRole('listitem', { name: `Comment by ${GUEST.name}` })
      .getByText(COMMENT)
      .waitFor();

    // The internal activity's address answers like one that does not exist, in the page and in the API.
    await guestPage.goto(`${server.url}/workspaces/${workspace.id}/activities/${internalId}`);
    await guestPage.getByRole('heading', { name: /not found/i }).waitFor();
    expect(await guestPage.getByText(INTERNAL).count()).toBe(0);
    const guestApi = await signIn(GUEST.email, GUEST.password);
    const hidden = await fetch(`${server.url}/api/v1/activities/${internalId}`, { headers: { origin: server.url, cookie: guestApi } });
    expect(hidden.status).toBe(404);
    const mine = (await (await api('GET', '/api/v1/me/activities', undefined, guestApi)).json()) as { items: { title: string }[] };
    expect(mine.items.map((activity) => activity.title)).toEqual([VISIT]);

    // The employee's edit form was opened before the technician's reports: saving it is refused, and says why.
    await page.getByLabel('Location').fill('Hall C');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Someone else changed this activity in the meantime.').waitFor();
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('heading', { name: VISIT, level: 1 }).waitFor();
    const employeeHistory = page.getByRole('region', { name: 'History' });
    await employeeHistory.getByText(REMARK).waitFor();
    expect(await page.locator('.activity-details').textContent()).toContain('Done');
    // The manager reads the technician's comment on the visit.
    await page.reload();
    await page.getByRole('heading', { name: VISIT, level: 1 }).waitFor();
    await page
      .getByRole('region', { name: 'Comments' })
      .getByRole('listitem', { name: `Comment by ${GUEST.name}` })
      .getByText(COMMENT)
      .waitFor();

    // A finished activity can no longer be cancelled; the internal one can, after a question.
    await page.getByRole('button', { name: 'Edit activity' }).waitFor();
    expect(await page.getByRole('button', { name: 'Cancel activity' }).count()).toBe(0);
    await page.goto(`${server.url}/workspaces/${workspace.id}/activities/${internalId}`);
    await page.getByRole('heading', { name: INTERNAL, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Cancel activity' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this activity?' });
    await dialog.getByRole('button', { name: 'Cancel activity' }).click();
    await page.getByText('The activity has been cancelled.').waitFor();
    await page.getByRole('button', { name: 'Plan again' }).waitFor();
    expect(await page.getByRole('region', { name: 'History' }).textContent()).toMatch(new RegExp(`Cancelled .* by ${EMPLOYEE.name}`));

    await employee.close();
    await guest.close();
  });
});
