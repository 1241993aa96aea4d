import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client';
import type { Ctx } from '../../../src/services/context';
import { refreshRollups } from '../../../src/services/reports/refresh-rollups';
import { sentimentReport } from '../../../src/services/reports/sentiment-report';
import { createTestDatabase } from '../../helpers/db';
import { type TestDeps, testDeps } from '../../helpers/deps';
import { correct, makeBrand, makeMention, makeMentions, nextLabelTime, rollupRows } from './fixtures';

let database: Database;
let deps: TestDeps;
let ctx: Ctx;

beforeAll(async () => {
  database = await createTestDatabase();
  deps = await testDeps(database, { now: '2026-03-10T12:00:00Z' });
  ctx = { ...deps, actor: { id: 'u1', name: 'Marketing', role: 'marketing' } };
});
afterAll(() => database.close());

describe('the rollup job', () => {
  it('counts mentions per hour and dimension, once however often it runs', async () => {
    const brand = await makeBrand(deps.db);
    await makeMentions(deps.db, 3, {
      brandId: brand,
      at: '2026-03-01T10:05:00Z',
      sentiment: 'negative',
      topic: 'billing',
    });
    await makeMentions(deps.db, 2, {
      brandId: brand,
      at: '2026-03-01T10:59:59Z',
      sentiment: 'positive',
      network: 'reddit',
    });
    await makeMention(deps.db, { brandId: brand, at: '2026-03-01T11:00:00Z', sentiment: 'positive' });
    await refreshRollups(ctx);
    await refreshRollups(ctx);
    expect(await rollupRows(deps.db, brand, 'all')).toEqual([
      { value: '', bucket: '2026-03-01T10:00:00.000Z', sentiment: 'negative', mentions: 3 },
      { value: '', bucket: '2026-03-01T10:00:00.000Z', sentiment: 'positive', mentions: 2 },
      { value: '', bucket: '2026-03-01T11:00:00.000Z', sentiment: 'positive', mentions: 1 },
    ]);
    expect(await rollupRows(deps.db, brand, 'network')).toEqual([
      { value: 'reddit', bucket: '2026-03-01T10:00:00.000Z', sentiment: 'positive', mentions: 2 },
      { value: 'x', bucket: '2026-03-01T10:00:00.000Z', sentiment: 'negative', mentions: 3 },
      { value: 'x', bucket: '2026-03-01T11:00:00.000Z', sentiment: 'positive', mentions: 1 },
    ]);
    const topics = await rollupRows(deps.db, brand, 'topic');
    expect(topics.filter((r) => r.value === 'billing').map((r) => r.mentions)).toEqual([3]);
  });

  it('picks up mentions classified after the last run, and corrections move a mention', async () => {
    const brand = await makeBrand(deps.db);
    const [first] = await makeMentions(deps.db, 2, {
      brandId: brand,
      at: '2026-03-02T08:30:00Z',
      sentiment: 'negative',
    });
    await refreshRollups(ctx);
    // Classified after the watermark, posted in an hour already counted.
    await makeMention(deps.db, {
      brandId: brand,
      at: '2026-03-02T08:45:00Z',
      sentiment: 'negative',
    });
    await correct(deps.db, brand, first as string, 'sentiment', 'positive', nextLabelTime());
    await refreshRollups(ctx);
    expect(await rollupRows(deps.db, brand, 'all')).toEqual([
      { value: '', bucket: '2026-03-02T08:00:00.000Z', sentiment: 'negative', mentions: 2 },
      { value: '', bucket: '2026-03-02T08:00:00.000Z', sentiment: 'positive', mentions: 1 },
    ]);
    // Corrected back again: the update of the correction row is seen too.
    await correct(deps.db, brand, first as string, 'sentiment', 'negative', nextLabelTime());
    await refreshRollups(ctx);
    expect(await rollupRows(deps.db, brand, 'all')).toEqual([
      { value: '', bucket: '2026-03-02T08:00:00.000Z', sentiment: 'negative', mentions: 3 },
    ]);
  });
});

describe('sentiment over time', () => {
  it("cuts days at midnight in the reader's time zone, with empty days and the net line", async () => {
    const brand = await makeBrand(deps.db, { timezone: 'Europe/Paris' });
    // 23:30 UTC on 1 March is 00:30 on 2 March in Paris (UTC+1 in winter).
    await makeMention(deps.db, { brandId: brand, at: '2026-03-01T23:30:00Z', sentiment: 'negative' });
    await makeMention(deps.db, { brandId: brand, at: '2026-03-01T22:30:00Z', sentiment: 'positive' });
    await makeMention(deps.db, { brandId: brand, at: '2026-03-04T10:00:00Z', sentiment: 'positive' });
    await refreshRollups(ctx);
    const paris = await sentimentReport(ctx, { brandId: brand, from: '2026-03-01', to: '2026-03-04' });
    expect(paris.scope.tz).toBe('Europe/Paris');
    expect(paris.series.map((p) => [p.key, p.negative, p.neutral, p.positive])).toEqual([
      ['2026-03-01', 0, 0, 1],
      ['2026-03-02', 1, 0, 0],
      ['2026-03-03', 0, 0, 0],
      ['2026-03-04', 0, 0, 1],
    ]);
    expect(paris.series[0]?.from.toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(paris.series.map((p) => p.net)).toEqual([1, -1, 0, 1]);
    const utc = await sentimentReport(ctx, {
      brandId: brand,
      from: '2026-03-01',
      to: '2026-03-04',
      tz: 'UTC',
    });
    expect(utc.series.map((p) => [p.key, p.negative, p.positive])).toEqual([
      ['2026-03-01', 1, 1],
      ['2026-03-02', 0, 0],
      ['2026-03-03', 0, 0],
      ['2026-03-04', 0, 1],
    ]);
    expect(utc.series[0]?.shares).toEqual({ negative: 0.5, neutral: 0, positive: 0.5 });
    const raw = await sentimentReport(
      ctx,
      { brandId: brand, from: '2026-03-01', to: '2026-03-04' },
      { source: 'raw' },
    );
    expect(raw.series.map((p) => p.total)).toEqual(paris.series.map((p) => p.total));
  });

  it('counts a day of 23 hours when clocks go forward, per hour and per week', async () => {
    const brand = await makeBrand(deps.db, { timezone: 'Europe/Paris' });
    // 29 March 2026: Paris goes from 02:00 to 03:00.
    await makeMention(deps.db, { brandId: brand, at: '2026-03-29T00:30:00Z', sentiment: 'neutral' });
    await makeMention(deps.db, { brandId: brand, at: '2026-03-29T01:30:00Z', sentiment: 'neutral' });
    await refreshRollups(ctx);
    const hours = await sentimentReport(ctx, {
      brandId: brand,
      from: '2026-03-29',
      to: '2026-03-29',
      granularity: 'hour',
    });
    expect(hours.series).toHaveLength(23);
    expect(hours.series.filter((p) => p.total > 0).map((p) => p.key)).toEqual([
      '2026-03-29T01:00',
      '2026-03-29T03:00',
    ]);
    const weeks = await sentimentReport(ctx, {
      brandId: brand,
      from: '2026-03-25',
      to: '2026-04-01',
      granularity: 'week',
    });
    expect(weeks.series.map((p) => [p.key, p.total])).toEqual([
      ['2026-03-23', 2],
      ['2026-03-30', 0],
    ]);
  });

  it('answers a filter on two dimensions (from the pair rollups) consistently with one', async () => {
    const brand = await makeBrand(deps.db);
    await makeMention(deps.db, {
      brandId: brand,
      at: '2026-03-05T10:00:00Z',
      sentiment: 'negative',
      topic: 'billing',
      network: 'x',
    });
    await makeMention(deps.db, {
      brandId: brand,
      at: '2026-03-05T10:00:00Z',
      sentiment: 'negative',
      topic: 'billing',
      network: 'reddit',
    });
    await refreshRollups(ctx);
    const one = await sentimentReport(ctx, {
      brandId: brand,
      from: '2026-03-05',
      to: '2026-03-05',
      topic: 'billing',
    });
    const two = await sentimentReport(ctx, {
      brandId: brand,
      from: '2026-03-05',
      to: '2026-03-05',
      topic: 'billing',
      network: 'reddit',
    });
    expect(one.total.negative).toBe(2);
    expect(two.total.negative).toBe(1);
  });
});
