import { createHmac } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, signInApi, signInPage } from '../support/e2e-session.js';
import { startE2eStack, stopE2eStack } from '../support/e2e-stack.js';
import type { ServerProcess } from '../support/server-process.js';
import type { SmtpReceiver } from '../support/smtp-receiver.js';

// The administrator sets a webhook up in the browser against a receiver inside the network: the
// host is allowed first, the secret is copied from the one answer that shows it, a test event and
// then a real event arrive signed with it, sent by the running server's own job queue.

const ADMIN = { email: 'ada@company.example', password: 'a long admin passphrase 2026' };
const EMPLOYEE = { email: 'eve@company.example', name: 'Eve Employee', password: 'eve has a long passphrase' };

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let server: ServerProcess;
let smtp: SmtpReceiver;
let browser: Browser;
let receiver: http.Server;
let receiverUrl = '';
const received: Received[] = [];
const api = apiOf(() => server.url);

beforeAll(async () => {
  receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/foyer`;
  ({ server, smtp, browser } = await startE2eStack(ADMIN, [EMPLOYEE]));
});

afterAll(async () => {
  await stopE2eStack({ server, smtp, browser });
  await new Promise((resolve) => receiver.close(resolve));
});

async function waitForDelivery(type: string): Promise<Received> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = received.find((r) => JSON.parse(r.body).type === type);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${type} delivery arrived`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const signed = (secret: string, r: Received) =>
  `v1=${createHmac('sha256', secret).update(`${r.headers['foyer-webhook-timestamp']}.${r.body}`).digest('hex')}` ===
  r.headers['foyer-webhook-signature'];

describe('webhooks (Chromium)', () => {
  it('lets the administrator set up a webhook, test it and read its delivery log', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await signInPage(page, server.url, ADMIN.email, ADMIN.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();

    // A private address is refused until its host is allowed.
    await page.getByRole('button', { name: 'Add a webhook' }).click();
    let dialog = page.getByRole('dialog', { name: 'Add a webhook' });
    await dialog.getByLabel('Name').fill('Ticketing');
    await dialog.getByLabel('URL', { exact: true }).fill(receiverUrl);
    await dialog.getByRole('checkbox', { name: 'task.created' }).check();
    await dialog.getByRole('button', { name: 'Add webhook' }).click();
    await dialog
      .getByRole('alert')
      .getByText(/points to a private, loopback or link-local address/)
      .waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByLabel('Host name or IP address').fill('127.0.0.1');
    await page.getByRole('button', { name: 'Allow host' }).click();
    await page.getByRole('status').getByText('127.0.0.1 is allowed.').waitFor();
    await page.getByRole('list', { name: 'Allowed hosts' }).getByRole('button', { name: 'Remove 127.0.0.1' }).waitFor();

    await page.getByRole('button', { name: 'Add a webhook' }).click();
    dialog = page.getByRole('dialog', { name: 'Add a webhook' });
    await dialog.getByLabel('Name').fill('Ticketing');
    await dialog.getByLabel('URL', { exact: true }).fill(receiverUrl);
    await dialog.getByRole('checkbox', { name: 'task.created' }).check();
    await dialog.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByRole('heading', { name: 'Webhook “Ticketing” created' }).waitFor();
    const secret = await page.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    expect(await page.getByLabel('Signing secret').count()).toBe(0);

    // The test event goes out through the server's own queue, signed with that secret.
    await page.getByRole('button', { name: 'Send test event to Ticketing' }).click();
    const test = await waitForDelivery('webhook.test');
    expect(signed(secret, test)).toBe(true);
    const log = page.getByRole('table', { name: 'Deliveries of Ticketing, newest first' });
    await log.waitFor();
    for (let i = 0; i < 20 && !(await log.getByText('Delivered', { exact: true }).isVisible()); i += 1) {
      await page.getByRole('button', { name: 'Refresh deliveries of Ticketing' }).click();
      await page.waitForTimeout(250);
    }
    const row = log.getByRole('row', { name: /webhook\.test/ });
    expect(await row.textContent()).toContain('Delivered');
    expect(await row.textContent()).toContain('204');

    // A real event: a task created by someone else, in their workspace.
    const employee = await signInApi(api, EMPLOYEE.email, EMPLOYEE.password);
    const workspace = (await (await api('POST', '/api/v1/workspaces', { name: 'Line 4' }, employee)).json()) as { id: string };
    await api('POST', `/api/v1/workspaces/${workspace.id}/tasks`, { title: 'Order seals' }, employee);
    const event = await waitForDelivery('task.created');
    expect(signed(secret, event)).toBe(true);
    expect(JSON.parse(event.body)).toMatchObject({ type: 'task.created', workspaceId: workspace.id, data: { title: 'Order seals' } });
    await context.close();
  });

  it('shows the page to administrators only', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await signInPage(page, server.url, EMPLOYEE.email, EMPLOYEE.password);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).count()).toBe(0);
    await page.goto(`${server.url}/admin/webhooks`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await context.close();
  });
});
