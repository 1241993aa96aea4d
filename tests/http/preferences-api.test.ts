import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ['expert', 'marketing'] as const) tokens[role] = await t.token(role);
});
afterAll(async () => {
  await t.close();
});

async function call(who: string | null, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (who) headers.authorization = `Bearer ${tokens[who] ?? who}`;
  const res = await t.app.request(`http://passerelle.test${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

describe('the time zone preference, through the API', () => {
  it('is set by each user for themselves and read back by the reports', async () => {
    expect((await call('marketing', 'GET', '/api/me/preferences')).json).toMatchObject({
      data: { timezone: null },
    });
    const before = await call('marketing', 'GET', '/api/reports/sentiment?days=7');
    expect(before.status).toBe(200);
    expect(before.json.data.scope.tzSource).toBe('brand');

    const set = await call('marketing', 'POST', '/api/me/preferences', { timezone: 'Asia/Kathmandu' });
    expect(set.status).toBe(200);
    expect(set.json.data).toEqual({ timezone: 'Asia/Kathmandu' });
    const after = await call('marketing', 'GET', '/api/reports/sentiment?days=7');
    expect([after.json.data.scope.tz, after.json.data.scope.tzSource]).toEqual(['Asia/Kathmandu', 'user']);
    const filtered = await call('marketing', 'GET', '/api/reports/sentiment?days=7&tz=UTC');
    expect([filtered.json.data.scope.tz, filtered.json.data.scope.tzSource]).toEqual(['UTC', 'filter']);

    // Another user's preference is their own.
    expect((await call('expert', 'GET', '/api/me/preferences')).json.data).toEqual({ timezone: null });
  });

  it('refuses a zone that is not one, and a caller without a token', async () => {
    const bad = await call('marketing', 'POST', '/api/me/preferences', { timezone: 'Moon/Tranquility' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('validation_failed');
    expect((await call(null, 'GET', '/api/me/preferences')).status).toBe(401);
  });
});
