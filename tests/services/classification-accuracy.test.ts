import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client';
import {
  auditLog,
  authors,
  brands,
  cases,
  classificationCorrections,
  mentions,
  users,
} from '../../src/db/schema';
import type { Ctx } from '../../src/services/context';
import { classificationAccuracy } from '../../src/services/reports/classification-accuracy';
import { createTestDatabase } from '../helpers/db';
import { type TestDeps, testDeps } from '../helpers/deps';

let database: Database;
let deps: TestDeps;
const ctxOf = (role: 'admin' | 'marketing' | 'advisor' | 'expert'): Ctx => ({
  ...deps,
  actor: { id: 'usr_adv', name: 'Ada', role },
});

/**
 * Hand-made history with known answers. Brand A, model versions v1 then v2:
 *  m1 v1 Mon 2026-11-02: corrected sentiment (pos -> neg)      reviewed; intent ok, sentiment wrong, topic ok
 *  m2 v1 Tue 2026-11-03: replied to, no correction             reviewed; all ok
 *  m3 v1 Tue 2026-11-03: nothing done                          not reviewed
 *  m4 v1 Wed 2026-11-04: ignored by the system (no actor)      not reviewed
 *  m5 v2 Mon 2026-11-09: escalated; topic corrected, intent "corrected" to the same label
 *                                                              reviewed; intent ok, sentiment ok, topic wrong
 *  m6 v2 Tue 2026-11-10: ignored by an advisor                 reviewed; all ok
 *  m7 v2 Tue 2026-11-10: replied BEFORE it was classified      not reviewed (the advisor never saw it)
 *  m8 v1, brand B, 2026-11-03: corrected intent                reviewed, brand B only
 *  m9 v1 2026-10-20: corrected, outside the range              not counted
 */
beforeAll(async () => {
  database = await createTestDatabase();
  deps = await testDeps(database, { now: '2026-11-12T12:00:00Z' });
  const db = deps.db;
  await db.insert(brands).values([
    { id: 'brd_a', slug: 'a', name: 'A' },
    { id: 'brd_b', slug: 'b', name: 'B' },
  ]);
  await db.insert(users).values({
    id: 'usr_adv',
    email: 'ada@example.com',
    name: 'Ada',
    role: 'advisor',
    passwordHash: 'x',
  });
  await db.insert(authors).values({ id: 'aut_1', network: 'demo', externalId: 'a1', handle: 'cust' });
  const at = (s: string) => new Date(`${s}Z`);
  const made = [
    ['m1', 'brd_a', 'v1', '2026-11-02T10:00:00'],
    ['m2', 'brd_a', 'v1', '2026-11-03T10:00:00'],
    ['m3', 'brd_a', 'v1', '2026-11-03T11:00:00'],
    ['m4', 'brd_a', 'v1', '2026-11-04T10:00:00'],
    ['m5', 'brd_a', 'v2', '2026-11-09T10:00:00'],
    ['m6', 'brd_a', 'v2', '2026-11-10T10:00:00'],
    ['m7', 'brd_a', 'v2', '2026-11-10T11:00:00'],
    ['m8', 'brd_b', 'v1', '2026-11-03T10:00:00'],
    ['m9', 'brd_a', 'v1', '2026-10-20T10:00:00'],
  ] as const;
  for (const [id, brandId, version, time] of made) {
    await db.insert(cases).values({
      id: `case_${id}`,
      brandId,
      network: 'demo',
      threadRootExternalId: id,
      authorId: 'aut_1',
      lastMentionAt: at(time),
    });
    await db.insert(mentions).values({
      id,
      brandId,
      network: 'demo',
      externalId: id,
      authorId: 'aut_1',
      caseId: `case_${id}`,
      text: `text ${id}`,
      language: 'en',
      sentiment: 'positive',
      sentimentScore: 0.8,
      intent: 'question',
      topic: 'billing',
      classification: {
        language: 'en',
        languageScore: 0.9,
        sentiment: 'positive',
        sentimentScore: 0.8,
        intent: 'question',
        intentScore: 0.7,
        topic: 'billing',
        topicScore: 0.6,
        needsSpecialist: 'no',
        priority: 10,
        modelVersion: version,
      },
      classifiedAt: at(time),
      threadRootExternalId: id,
      raw: {},
      postedAt: at(time),
    });
  }
  const correction = (
    mentionId: string,
    brandId: string,
    field: 'intent' | 'sentiment' | 'topic',
    from: string,
    to: string,
  ) =>
    db.insert(classificationCorrections).values({
      id: `cor_${mentionId}_${field}`,
      brandId,
      mentionId,
      field,
      fromLabel: from,
      toLabel: to,
      modelVersion: 'v1',
      correctedById: 'usr_adv',
      createdAt: at('2026-11-11T09:00:00'),
    });
  await correction('m1', 'brd_a', 'sentiment', 'positive', 'negative');
  await correction('m5', 'brd_a', 'topic', 'billing', 'delivery');
  await correction('m5', 'brd_a', 'intent', 'question', 'question');
  await correction('m8', 'brd_b', 'intent', 'question', 'complaint');
  await correction('m9', 'brd_a', 'intent', 'question', 'complaint');
  const act = (caseId: string, action: string, time: string, actorId: string | null) =>
    db.insert(auditLog).values({
      id: `aud_${caseId}_${action}`,
      at: at(time),
      actorId,
      actorLabel: actorId ? 'Ada' : 'system',
      action,
      entityType: 'case',
      entityId: caseId,
      caseId,
    });
  await act('case_m2', 'reply.queued', '2026-11-03T12:00:00', 'usr_adv');
  await act('case_m3', 'case.claimed', '2026-11-03T12:00:00', 'usr_adv');
  await act('case_m4', 'case.ignored', '2026-11-04T12:00:00', null);
  await act('case_m5', 'case.escalated', '2026-11-09T12:00:00', 'usr_adv');
  await act('case_m6', 'case.ignored', '2026-11-10T12:00:00', 'usr_adv');
  await act('case_m7', 'reply.queued', '2026-11-10T09:00:00', 'usr_adv');
});
afterAll(async () => {
  await database.close();
});

describe('classification accuracy against corrections', () => {
  it('counts reviewed classifications and correct labels per week and model version', async () => {
    const report = await classificationAccuracy(ctxOf('marketing'), {
      from: '2026-10-26',
      to: '2026-11-15',
      brandId: 'brd_a',
      by: 'week',
    });
    expect(report.by).toBe('week');
    expect(report.rows).toEqual([
      {
        period: '2026-11-02',
        modelVersion: 'v1',
        reviewed: 2,
        correct: { intent: 2, sentiment: 1, topic: 2 },
      },
      {
        period: '2026-11-09',
        modelVersion: 'v2',
        reviewed: 2,
        correct: { intent: 2, sentiment: 2, topic: 1 },
      },
    ]);
    expect(report.total).toEqual({ reviewed: 4, correct: { intent: 4, sentiment: 3, topic: 3 } });
    expect(report.versions.map((v) => [v.modelVersion, v.reviewed])).toEqual([
      ['v1', 2],
      ['v2', 2],
    ]);
  });

  it('goes per day for short ranges, and covers every brand without a filter', async () => {
    const report = await classificationAccuracy(ctxOf('admin'), { from: '2026-11-02', to: '2026-11-04' });
    expect(report.by).toBe('day');
    expect(report.rows.map((r) => [r.period, r.modelVersion, r.reviewed, r.correct.intent])).toEqual([
      ['2026-11-02', 'v1', 1, 1],
      ['2026-11-03', 'v1', 2, 1],
    ]);
  });

  it('defaults to the last eight weeks and refuses bad ranges and other roles', async () => {
    const report = await classificationAccuracy(ctxOf('admin'), { brandId: 'brd_a' });
    expect(report).toMatchObject({ from: '2026-09-18', to: '2026-11-12', by: 'week' });
    expect(report.total.reviewed).toBe(5);
    await expect(
      classificationAccuracy(ctxOf('admin'), { from: '2026-11-10', to: '2026-11-01' }),
    ).rejects.toThrow(/must not be after to/);
    await expect(classificationAccuracy(ctxOf('admin'), { from: 'yesterday' })).rejects.toThrow(
      /must be a date/,
    );
    for (const role of ['advisor', 'expert'] as const) {
      await expect(classificationAccuracy(ctxOf(role), {})).rejects.toThrow(/may not/);
    }
  });
});
