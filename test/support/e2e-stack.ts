import { type Browser, chromium } from 'playwright-core';
import { apiOf, signInApi } from './e2e-session.js';
import { buildLikeNpmStart, type ServerProcess, startServerProcess } from './server-process.js';
import { type SmtpReceiver, startSmtpReceiver } from './smtp-receiver.js';

const browsers = new Set<Browser>();

/** Debian's Chromium, headless and quiet: no sandbox in containers, no network of its own. */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  browsers.add(browser);
  browser.on('disconnected', () => browsers.delete(browser));
  return browser;
}

/**
 * What every open page shows, for the log of a failed test: a wait that timed out then says what
 * was on screen instead (an error message, another page) — a failure on CI can be read, not guessed.
 */
export async function describeOpenPages(): Promise<string> {
  const pages = [...browsers].flatMap((browser) => browser.contexts().flatMap((context) => context.pages()));
  const parts = await Promise.all(
    pages.map(async (page, index) => {
      const text = await page
        .locator('body')
        .innerText({ timeout: 2_000 })
        .catch((error: unknown) => `(unreadable: ${String(error)})`);
      return `--- page ${index + 1}: ${page.url()}\n${text.slice(0, 4_000)}`;
    }),
  );
  return parts.join('\n');
}

export interface E2eStack {
  server: ServerProcess;
  smtp: SmtpReceiver;
  browser: Browser;
}

export interface Employee {
  email: string;
  name: string;
  password: string;
}

/**
 * The server built like `npm start`, mailing to a real SMTP receiver, and a browser. The
 * administrator is created at start; with `employees`, the extranet is switched on and they exist
 * (those parts have their own tests: here they go through the API).
 */
export async function startE2eStack(
  admin: { email: string; password: string },
  employees: Employee[] = [],
  options: { env?: Record<string, string> } = {},
): Promise<E2eStack> {
  buildLikeNpmStart();
  const smtp = await startSmtpReceiver();
  const server = await startServerProcess({
    FOYER_SMTP_URL: smtp.url,
    FOYER_ADMIN_EMAIL: admin.email,
    FOYER_ADMIN_PASSWORD: admin.password,
    // More settings for the server, e.g. a digest hour and a short job interval.
    ...options.env,
  });
  const browser = await launchChromium();
  if (employees.length > 0) {
    const api = apiOf(() => server.url);
    const cookie = await signInApi(api, admin.email, admin.password);
    await api('PATCH', '/api/v1/settings', { extranetEnabled: true }, cookie);
    for (const employee of employees) await api('POST', '/api/v1/users', { ...employee }, cookie);
  }
  return { server, smtp, browser };
}

/** Stops what was started, also after a failed start. */
export async function stopE2eStack(stack: Partial<E2eStack>): Promise<void> {
  await stack.browser?.close();
  await stack.server?.stop();
  await stack.smtp?.close();
}

/** Invites `guest` into the workspace and accepts through the link of the e-mail, as a new account. */
export async function guestJoins(
  { server, smtp }: Pick<E2eStack, 'server' | 'smtp'>,
  inviterCookie: string,
  workspaceId: string,
  guest: Employee,
): Promise<void> {
  const api = apiOf(() => server.url);
  await api('POST', `/api/v1/workspaces/${workspaceId}/invitations`, { email: guest.email, role: 'guest' }, inviterCookie);
  const mail = await smtp.waitFor((m) => JSON.stringify(m.to ?? '').includes(guest.email), 15_000);
  const token = /\/invitation#token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
  if (!token) throw new Error(`no invitation link in the e-mail to ${guest.email}`);
  await api('POST', `/api/v1/invitations/${token}/accept`, { name: guest.name, password: guest.password });
}
