import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEmployee } from '../support/factories.js';
import { callFrom } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const WRONG = 'definitely not the password';

// Every test signs in from its own addresses, so the per-address counts of one test never reach another.
let addressCounter = 0;
function freshAddress(): string {
  addressCounter += 1;
  return `10.20.${Math.floor(addressCounter / 250)}.${(addressCounter % 250) + 1}`;
}

function signInFrom(address: string, email: string, password: string): Promise<LightMyRequestResponse> {
  return callFrom(address, t.app, 'POST', '/api/v1/auth/login', { email, password });
}

async function failTimes(address: string, email: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const response = await signInFrom(address, email, WRONG);
    expect(response.statusCode, `failure ${i + 1} of ${times} from ${address}`).toBe(401);
  }
}

function expectThrottled(response: LightMyRequestResponse): void {
  expect(response.statusCode).toBe(429);
  expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  const retryAfter = String(response.headers['retry-after']);
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThan(0);
  expect(response.json()).toMatchObject({ status: 429 });
}

describe('sign-in throttling per account and address', () => {
  it('refuses the 11th attempt after 10 failures with 429 and Retry-After, even with the right password', async () => {
    const user = await makeEmployee(t.ctx);
    const address = freshAddress();
    await failTimes(address, user.email, 10);

    const eleventh = await signInFrom(address, user.email, user.password);
    expectThrottled(eleventh);
    expect(eleventh.cookies.find((c) => c.name.endsWith('foyer_session'))).toBeUndefined();
  });

  it('counts the account by its normalised e-mail, so changing the case does not escape the limit', async () => {
    const user = await makeEmployee(t.ctx);
    const address = freshAddress();
    await failTimes(address, user.email.toUpperCase(), 10);

    expectThrottled(await signInFrom(address, ` ${user.email} `, user.password));
  });

  it('resets the count after a successful sign-in', async () => {
    const user = await makeEmployee(t.ctx);
    const address = freshAddress();
    await failTimes(address, user.email, 9);
    expect((await signInFrom(address, user.email, user.password)).statusCode).toBe(200);

    await failTimes(address, user.email, 9);
    expect((await signInFrom(address, user.email, user.password)).statusCode).toBe(200);
  });

  it('does not block the same account from another address after 10 failures from the first', async () => {
    const user = await makeEmployee(t.ctx);
    const attacker = freshAddress();
    const owner = freshAddress();
    await failTimes(attacker, user.email, 10);
    expectThrottled(await signInFrom(attacker, user.email, user.password));

    expect((await signInFrom(owner, user.email, user.password)).statusCode).toBe(200);
  });

  it('blocks an account from every address once it reaches 50 failures across addresses', async () => {
    const user = await makeEmployee(t.ctx);
    for (let i = 0; i < 5; i++) await failTimes(freshAddress(), user.email, 10);

    const fromNewAddress = await signInFrom(freshAddress(), user.email, user.password);
    expectThrottled(fromNewAddress);
  });

  it('does not let failures against one account block another account from the same address', async () => {
    const user = await makeEmployee(t.ctx);
    const neighbour = await makeEmployee(t.ctx);
    const address = freshAddress();
    await failTimes(address, user.email, 10);

    expect((await signInFrom(address, neighbour.email, neighbour.password)).statusCode).toBe(200);
  });

  it('throttles an e-mail without an account exactly like one with an account', async () => {
    const user = await makeEmployee(t.ctx);
    const unknownEmail = `nobody-${Date.now().toString(36)}@company.example`;
    const address = freshAddress();
    await failTimes(address, user.email, 10);
    await failTimes(address, unknownEmail, 10);

    const known = await signInFrom(address, user.email, WRONG);
    const unknown = await signInFrom(address, unknownEmail, WRONG);
    expectThrottled(known);
    expectThrottled(unknown);
    expect(unknown.body).toBe(known.body);
  });
});

describe('a burst of parallel guesses', () => {
  it('lets no more than 10 wrong passwords for one account from one address be tried', async () => {
    const user = await makeEmployee(t.ctx);
    const address = freshAddress();
    const answers = await Promise.all(Array.from({ length: 30 }, () => signInFrom(address, user.email, WRONG)));
    // Each guess is counted before it is checked, so the burst cannot outrun the limit; refused
    // guesses are not counted (they were never tried).
    const tried = answers.filter((a) => a.statusCode === 401).length;
    expect(tried).toBeLessThanOrEqual(10);
    expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(30 - tried);
    const counted = await t.ctx.db.selectFrom('auth_failures').select('id').where('key', '=', `sign-in:${user.email}|${address}`).execute();
    expect(counted).toHaveLength(tried);
  });
});
