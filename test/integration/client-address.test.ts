import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_ORIGIN, type TestApp } from '../support/test-app.js';

// Throttling and the audit log key on the client's address; behind one proxy it comes from
// X-Forwarded-For, but only from the hop that proxy added.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ FOYER_TRUST_PROXY: '1' });
});
afterAll(async () => {
  await t.close();
});

describe('client address behind one reverse proxy', () => {
  it('takes the address the proxy saw, not one the client wrote into X-Forwarded-For', async () => {
    const email = `spoof-${Date.now()}@company.example`;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '127.0.0.1',
      headers: { origin: TEST_ORIGIN, 'x-forwarded-for': '198.51.100.9, 203.0.113.7' },
      payload: { email, password: 'not the password at all' },
    });
    expect(response.statusCode).toBe(401);
    const row = await t.ctx.db
      .selectFrom('audit_events')
      .select('ip')
      .where('action', '=', 'auth.sign_in_failed')
      .where('details', 'like', `%${email}%`)
      .executeTakeFirstOrThrow();
    expect(row.ip).toBe('203.0.113.7');
  });
});
