import type { Page } from 'playwright-core';

/** JSON calls to a running server as its own web UI makes them (same origin), failing loudly on any error. */
export function apiOf(origin: () => string) {
  return async function api(method: string, path: string, body?: unknown, cookie = ''): Promise<Response> {
    const response = await fetch(`${origin()}${path}`, {
      method,
      headers: { 'content-type': 'application/json', origin: origin(), ...(cookie ? { cookie } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response;
  };
}

/** Signs in through the API and returns the session cookie. */
export async function signInApi(api: ReturnType<typeof apiOf>, email: string, password: string): Promise<string> {
  const response = await api('POST', '/api/v1/auth/login', { email, password });
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** Signs in through the sign-in page, as a person does. */
export async function signInPage(page: Page, origin: string, email: string, password: string): Promise<void> {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}
