import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../../src/services/context';
import { advanceDemoNetwork } from '../../src/services/demo/advance-demo-network';
import { pollDueListeners } from '../../src/services/listening/poll-due-listeners';
import { createTestApp, type TestApp } from '../helpers/app';
import { testDatabaseKind } from '../helpers/db';

let t: TestApp;
const tokens: Record<string, string> = {};
let caseIds: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ['advisor', 'expert', 'marketing', 'admin'] as const) tokens[role] = await t.token(role);
  await advanceDemoNetwork(asSystem(t.deps));
  await pollDueListeners(asSystem(t.deps), { force: true });
  const res = await call('advisor', 'GET', '/api/cases?limit=200');
  caseIds = res.json.data.map((c: { id: string }) => c.id);
});
afterAll(async () => {
  await t.close();
});

async function call(who: string | null, method: string, path: string, body?: unknown, raw?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (who) headers.authorization = `Bearer ${tokens[who] ?? who}`;
  const res = await t.app.request(`http://passerelle.test${path}`, {
    method,
    headers,
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

describe('health and documentation', () => {
  it('reports the database kind and that it answers', async () => {
    const res = await call(null, 'GET', '/healthz');
    expect(res).toEqual({
      status: 200,
      json: { status: 'ok', database: { kind: testDatabaseKind(), ok: true } },
    });
  });

  it('describes every API route in the OpenAPI document', async () => {
    const res = await call(null, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe('3.1.0');
    expect(Object.keys(res.json.paths)).toEqual(
      expect.arrayContaining([
        '/api/cases',
        '/api/cases/{id}/claim',
        '/api/escalations/{id}/answer',
        '/api/reports/overview',
      ]),
    );
    expect(
      res.json.paths['/api/cases/{id}/reply'].post.requestBody.content['application/json'].schema.properties
        .body,
    ).toBeTruthy();
  });
});

describe('authentication', () => {
  it('refuses the API without a token, with the one error shape', async () => {
    const res = await call(null, 'GET', '/api/cases');
    expect(res.status).toBe(401);
    expect(res.json).toEqual({
      error: { code: 'unauthorized', message: expect.any(String), requestId: expect.stringMatching(/^req_/) },
    });
  });

  it('refuses an unknown token', async () => {
    expect((await call('psl_not-a-token', 'GET', '/api/cases')).status).toBe(401);
  });
});

describe('the role matrix', () => {
  const matrix: [string, string, (id: string) => string, Record<string, number | 'ok'>][] = [
    ['GET', 'inbox', () => '/api/cases', { advisor: 'ok', admin: 'ok', expert: 403, marketing: 403 }],
    ['POST', 'claim', (id) => `/api/cases/${id}/claim`, { marketing: 403, expert: 403 }],
    ['POST', 'reply', (id) => `/api/cases/${id}/reply`, { marketing: 403, expert: 403 }],
    ['POST', 'escalate', (id) => `/api/cases/${id}/escalate`, { marketing: 403, expert: 403 }],
    ['POST', 'ignore', (id) => `/api/cases/${id}/ignore`, { marketing: 403, expert: 403 }],
    ['POST', 'approve', (id) => `/api/cases/${id}/approve`, { marketing: 403, expert: 403 }],
    [
      'GET',
      'expert queue',
      () => '/api/expert/questions',
      { expert: 'ok', admin: 'ok', advisor: 403, marketing: 403 },
    ],
    [
      'GET',
      'reports',
      () => '/api/reports/overview',
      { marketing: 'ok', advisor: 'ok', admin: 'ok', expert: 403 },
    ],
    [
      'POST',
      'poll now',
      () => '/api/listeners/poll',
      { admin: 'ok', advisor: 403, expert: 403, marketing: 403 },
    ],
  ];
  for (const [method, name, path, expected] of matrix) {
    for (const [role, outcome] of Object.entries(expected)) {
      it(`${name}: ${role} ${outcome === 'ok' ? 'may' : 'may not'}`, async () => {
        const res = await call(
          role,
          method,
          path(caseIds[0]!),
          method === 'POST' ? { body: 'Hello there, thanks!' } : undefined,
        );
        if (outcome === 'ok') expect(res.status).toBe(200);
        else {
          expect(res.status).toBe(outcome);
          expect(res.json.error.code).toBe('forbidden');
        }
      });
    }
  }

  it('lets an expert read only the cases escalated to them or their team', async () => {
    const res = await call('expert', 'GET', `/api/cases/${caseIds[1]}`);
    expect(res.status).toBe(404);
  });
});

describe('bad input', () => {
  it('names the field and why for an invalid body', async () => {
    const res = await call('advisor', 'POST', `/api/cases/${caseIds[2]}/reply`, { body: '   ' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('validation_failed');
    expect(res.json.error.issues).toEqual([{ field: 'body', message: 'write the answer first' }]);
  });

  it('says when the body is not JSON', async () => {
    const res = await call('advisor', 'POST', `/api/cases/${caseIds[2]}/reply`, undefined, '{"body": ');
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/not valid JSON/);
  });

  it('refuses a body that is not an object', async () => {
    const res = await call('advisor', 'POST', `/api/cases/${caseIds[2]}/reply`, ['hello']);
    expect(res.status).toBe(400);
    expect(res.json.error.issues[0].field).toBe('(body)');
  });

  it('refuses a reply longer than the network allows, and writes nothing', async () => {
    const id = caseIds[3]!;
    const before = await call('advisor', 'GET', `/api/cases/${id}`);
    const res = await call('advisor', 'POST', `/api/cases/${id}/reply`, { body: 'x'.repeat(501) });
    expect(res.status).toBe(400);
    expect(res.json.error.issues[0]).toEqual({
      field: 'body',
      message: 'is 501 characters; demo allows 500',
    });
    const after = await call('advisor', 'GET', `/api/cases/${id}`);
    expect(after.json.data.case.status).toBe(before.json.data.case.status);
    expect(after.json.data.case.assigneeId).toBe(before.json.data.case.assigneeId);
    expect(after.json.data.replies).toEqual([]);
    expect(after.json.data.history).toEqual(before.json.data.history);
  });

  it('answers 404 for an unknown case and an unknown route', async () => {
    const res = await call('advisor', 'POST', '/api/cases/case_nope/claim');
    expect(res.status).toBe(404);
    expect(res.json.error).toMatchObject({ code: 'not_found', message: 'Case case_nope does not exist' });
    expect((await call('advisor', 'GET', '/api/nothing-here')).status).toBe(404);
  });

  it('answers 409 when a second advisor tries to claim a held case', async () => {
    const other = await t.token('admin');
    const id = caseIds[4]!;
    expect((await call('advisor', 'POST', `/api/cases/${id}/claim`)).status).toBe(200);
    const res = await call(other, 'POST', `/api/cases/${id}/claim`);
    expect(res.status).toBe(409);
    expect(res.json.error.message).toBe('Another advisor has claimed this case');
  });

  it('refuses a filter value it does not know', async () => {
    const res = await call('advisor', 'GET', '/api/cases?sort=random');
    expect(res.status).toBe(400);
    expect(res.json.error.issues[0].field).toBe('sort');
  });
});
