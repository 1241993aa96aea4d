import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client';
import { users } from '../../../src/db/schema';
import type { Ctx } from '../../../src/services/context';
import { overviewReport } from '../../../src/services/reports/overview-report';
import { refreshRollups } from '../../../src/services/reports/refresh-rollups';
import { sentimentReport } from '../../../src/services/reports/sentiment-report';
import { shareOfVoice } from '../../../src/services/reports/share-of-voice';
import { topicsReport } from '../../../src/services/reports/topics-report';
import { volumeReport } from '../../../src/services/reports/volume-report';
import { getPreferences, setPreferences } from '../../../src/services/users/preferences';
import { createTestDatabase } from '../../helpers/db';
import { type TestDeps, testDeps } from '../../helpers/deps';
import { makeBrand, makeListener, makeMention, makeMentions } from './fixtures';

let database: Database;
let deps: TestDeps;
let ctx: Ctx;
let userSeq = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  deps = await testDeps(database, { now: '2026-04-20T12:00:00Z' });
  ctx = await readerCtx();
});
afterAll(() => database.close());

async function readerCtx(): Promise<Ctx> {
  const id = `reader_${++userSeq}`;
  await deps.db.insert(users).values({ id, email: `${id}@test.local`, name: id, role: 'marketing' });
  return { ...deps, actor: { id, name: id, role: 'marketing' } };
}

/** Day (or hour) key to total, leaving out the empty periods. */
function totals(series: { key: string; total: number }[]) {
  return Object.fromEntries(series.filter((p) => p.total > 0).map((p) => [p.key, p.total]));
}

describe("the reader's time zone", () => {
  it("defaults to the reader's zone, then the brand's; the tz filter still wins", async () => {
    const reader = await readerCtx();
    const brandId = await makeBrand(deps.db, { timezone: 'Europe/Paris' });
    // 23:10 UTC on 1 March: 00:10 on 2 March in Paris, 04:40 on 2 March in Kolkata.
    await makeMention(deps.db, { brandId, at: '2026-03-01T23:10:00Z' });
    // 20:00 UTC on 2 March: 21:00 in Paris, 01:30 on 3 March in Kolkata.
    await makeMention(deps.db, { brandId, at: '2026-03-02T20:00:00Z' });
    await refreshRollups(reader);
    const q = { brandId, from: '2026-03-01', to: '2026-03-03' };

    let r = await sentimentReport(reader, q);
    expect([r.scope.tz, r.scope.tzSource]).toEqual(['Europe/Paris', 'brand']);
    expect(totals(r.series)).toEqual({ '2026-03-02': 2 });
    expect(r.scope.since.toISOString()).toBe('2026-02-28T23:00:00.000Z');

    expect(await setPreferences(reader, { timezone: 'Asia/Kolkata' })).toEqual({ timezone: 'Asia/Kolkata' });
    expect(await getPreferences(reader)).toEqual({ timezone: 'Asia/Kolkata' });
    r = await sentimentReport(reader, q);
    expect([r.scope.tz, r.scope.tzSource]).toEqual(['Asia/Kolkata', 'user']);
    expect(totals(r.series)).toEqual({ '2026-03-02': 1, '2026-03-03': 1 });
    expect(r.scope.since.toISOString()).toBe('2026-02-28T18:30:00.000Z');

    r = await sentimentReport(reader, { ...q, tz: 'UTC' });
    expect([r.scope.tz, r.scope.tzSource]).toEqual(['UTC', 'filter']);
    expect(totals(r.series)).toEqual({ '2026-03-01': 1, '2026-03-02': 1 });

    // Another reader without a zone still reads the brand's.
    const other = await readerCtx();
    expect((await sentimentReport(other, q)).scope.tz).toBe('Europe/Paris');

    // Forgetting the zone goes back to the brand's.
    await setPreferences(reader, { timezone: '' });
    expect(await getPreferences(reader)).toEqual({ timezone: null });
    expect((await sentimentReport(reader, q)).scope.tzSource).toBe('brand');
  });

  it("draws the overview's days in the reader's zone too", async () => {
    const reader = await readerCtx();
    const brandId = await makeBrand(deps.db);
    // 20:00 UTC on 19 April is 01:30 on 20 April in Kolkata; the clock reads 12:00 UTC on the 20th.
    await makeMention(deps.db, { brandId, at: '2026-04-19T20:00:00Z', sentiment: 'negative' });
    const daysWithMentions = (r: Awaited<ReturnType<typeof overviewReport>>) =>
      r.sentimentByDay.filter((d) => d.negative > 0).map((d) => d.day);
    const utc = await overviewReport(reader, { days: 1 });
    expect([utc.tz, daysWithMentions(utc)]).toEqual(['UTC', ['2026-04-19']]);
    await setPreferences(reader, { timezone: 'Asia/Kolkata' });
    const kolkata = await overviewReport(reader, { days: 1 });
    expect([kolkata.tz, daysWithMentions(kolkata)]).toEqual(['Asia/Kolkata', ['2026-04-20']]);
    expect(kolkata.sentimentByDay.map((d) => d.day)).toEqual(['2026-04-19', '2026-04-20']);
  });

  it('refuses what is not an IANA zone name', async () => {
    const reader = await readerCtx();
    for (const bad of ['Mars/Olympus_Mons', '+05:30', 'Paris', 'Europe/Paris; drop table users']) {
      await expect(setPreferences(reader, { timezone: bad }), bad).rejects.toMatchObject({
        code: 'validation_failed',
      });
    }
    expect(await getPreferences(reader)).toEqual({ timezone: null });
    await expect(setPreferences({ ...deps, actor: null }, { timezone: 'UTC' })).rejects.toMatchObject({
      code: 'unauthorized',
    });
  });
});

describe('zones whose days start inside a UTC hour', () => {
  it('cuts a Kolkata (+5:30) and a Kathmandu (+5:45) day exactly, from the rollups as from the raw table', async () => {
    const brandId = await makeBrand(deps.db);
    await makeMention(deps.db, { brandId, at: '2026-03-02T10:00:00Z', sentiment: 'positive' });
    // 23:50 on 2 March in Kolkata, but 00:05 on 3 March in Kathmandu.
    await makeMention(deps.db, { brandId, at: '2026-03-02T18:20:00Z', sentiment: 'negative' });
    // 00:10 on 3 March in Kolkata.
    await makeMention(deps.db, { brandId, at: '2026-03-02T18:40:00Z', topic: 'billing' });
    // 01:30 on 4 March in Kolkata.
    await makeMention(deps.db, { brandId, at: '2026-03-03T20:00:00Z', topic: 'billing' });
    await refreshRollups(ctx);
    const q = { brandId, from: '2026-03-02', to: '2026-03-04' };

    const kolkata = await sentimentReport(ctx, { ...q, tz: 'Asia/Kolkata' });
    expect(totals(kolkata.series)).toEqual({ '2026-03-02': 2, '2026-03-03': 1, '2026-03-04': 1 });
    expect(kolkata.series[0]?.negative).toBe(1);
    const kathmandu = await sentimentReport(ctx, { ...q, tz: 'Asia/Kathmandu' });
    expect(totals(kathmandu.series)).toEqual({ '2026-03-02': 1, '2026-03-03': 2, '2026-03-04': 1 });

    const hours = await sentimentReport(ctx, { ...q, tz: 'Asia/Kolkata', granularity: 'hour' });
    expect(totals(hours.series)).toEqual({
      '2026-03-02T15:00': 1,
      '2026-03-02T23:00': 1,
      '2026-03-03T00:00': 1,
      '2026-03-04T01:00': 1,
    });
    const week = await sentimentReport(ctx, {
      ...q,
      tz: 'Asia/Kathmandu',
      granularity: 'week',
      topic: 'billing',
    });
    expect(week.total.total).toBe(2);

    // A one-day period cut at 18:30 UTC at both ends, grouped by a dimension.
    const day = await volumeReport(ctx, {
      brandId,
      from: '2026-03-03',
      to: '2026-03-03',
      tz: 'Asia/Kolkata',
    });
    expect(day.mentions.byTopic.map((t) => [t.value, t.total])).toEqual([['billing', 1]]);

    for (const f of [
      { ...q, tz: 'Asia/Kolkata' },
      { ...q, tz: 'Asia/Kathmandu', granularity: 'hour' },
      // 720 hours, every one cut in two: the quarter-hour rows answer the whole range.
      { brandId, from: '2026-02-10', to: '2026-03-11', tz: 'Asia/Kolkata', granularity: 'hour' },
      { ...q, tz: 'Asia/Kolkata', granularity: 'week', sentiment: 'negative' },
    ]) {
      const fromRollups = await sentimentReport(ctx, f);
      const fromRaw = await sentimentReport(ctx, f, { source: 'raw' });
      expect(fromRollups.series).toEqual(fromRaw.series);
    }
  });

  it('counts the 25-hour day when Adelaide (+10:30, then +9:30) puts its clocks back', async () => {
    const brandId = await makeBrand(deps.db, { timezone: 'Australia/Adelaide' });
    // The day of 5 April 2026 runs from 13:30 UTC on the 4th to 14:30 UTC on the 5th.
    for (const at of [
      '2026-04-04T13:20:00Z', // 23:50 on the 4th
      '2026-04-04T13:40:00Z', // 00:10 on the 5th
      '2026-04-05T14:20:00Z', // 23:50 on the 5th, after the change
      '2026-04-05T14:40:00Z', // 00:10 on the 6th
    ]) {
      await makeMention(deps.db, { brandId, at });
    }
    await refreshRollups(ctx);
    const q = { brandId, from: '2026-04-04', to: '2026-04-06' };
    const days = await sentimentReport(ctx, q);
    expect(days.scope.tz).toBe('Australia/Adelaide');
    expect(totals(days.series)).toEqual({ '2026-04-04': 1, '2026-04-05': 2, '2026-04-06': 1 });
    const hours = await sentimentReport(ctx, { ...q, granularity: 'hour' });
    expect(hours.series.filter((p) => p.key.startsWith('2026-04-05')).length).toBe(24);
    // The repeated hour (02:00 local twice) is one key of two UTC hours: 25 hours in 24 keys.
    const repeated = hours.series.find((p) => p.key === '2026-04-05T02:00');
    expect((repeated?.to.getTime() ?? 0) - (repeated?.from.getTime() ?? 0)).toBe(2 * 3_600_000);
    expect(totals(hours.series)).toEqual({
      '2026-04-04T23:00': 1,
      '2026-04-05T00:00': 1,
      '2026-04-05T23:00': 1,
      '2026-04-06T00:00': 1,
    });
    expect(hours.series).toEqual(
      (await sentimentReport(ctx, { ...q, granularity: 'hour' }, { source: 'raw' })).series,
    );
  });
});

describe('two-dimension filters', () => {
  it('answers network + topic, language + topic and network + listener from the rollups, exactly', async () => {
    const brandId = await makeBrand(deps.db);
    const own = await makeListener(deps.db, brandId);
    const rival = await makeListener(deps.db, brandId, { competitor: 'Rival' });
    const at = '2026-03-03T09:00:00Z';
    await makeMentions(deps.db, 3, {
      brandId,
      at,
      network: 'x',
      topic: 'billing',
      language: 'fr',
      listenerId: own,
    });
    await makeMentions(deps.db, 2, {
      brandId,
      at,
      network: 'x',
      topic: 'delivery',
      language: 'en',
      listenerId: rival,
    });
    await makeMentions(deps.db, 4, {
      brandId,
      at,
      network: 'reddit',
      topic: 'billing',
      language: 'en',
      intent: 'complaint',
      sentiment: 'negative',
      listenerId: rival,
    });
    await makeMention(deps.db, {
      brandId,
      at,
      network: 'reddit',
      topic: 'delivery',
      language: 'fr',
      listenerId: own,
    });
    // 00:10 on 3 March in Kolkata, in the UTC hour its day cuts; 2 March in UTC.
    await makeMention(deps.db, {
      brandId,
      at: '2026-03-02T18:40:00Z',
      network: 'x',
      topic: 'billing',
      language: 'fr',
      listenerId: own,
    });
    await refreshRollups(ctx);
    // Posted after the last rollup run: the raw table sees it, the rollups not yet. Only the raw
    // table counting it tells which one answered.
    await makeMention(deps.db, {
      brandId,
      at,
      network: 'x',
      topic: 'billing',
      language: 'fr',
      listenerId: own,
    });
    const q = { brandId, from: '2026-03-03', to: '2026-03-03', tz: 'UTC' };

    const xBilling = await sentimentReport(ctx, { ...q, network: 'x', topic: 'billing' });
    expect(xBilling.total.total).toBe(3);
    const frBilling = await sentimentReport(ctx, { ...q, language: 'fr', topic: 'billing' });
    expect(frBilling.total.total).toBe(3);
    const enBillingNeg = await sentimentReport(ctx, {
      ...q,
      language: 'en',
      topic: 'billing',
      sentiment: 'negative',
    });
    expect(enBillingNeg.total.total).toBe(4);

    // One filter, every grouping: the pairs answer the volume report.
    const reddit = await volumeReport(ctx, { ...q, network: 'reddit' });
    expect(reddit.mentions.byTopic.map((t) => [t.value, t.total])).toEqual([
      ['billing', 4],
      ['delivery', 1],
    ]);
    expect(reddit.mentions.byLanguage.map((t) => [t.value, t.total])).toEqual([
      ['en', 4],
      ['fr', 1],
    ]);
    expect(reddit.mentions.byIntent.map((t) => [t.value, t.total])).toEqual([
      ['complaint', 4],
      ['other', 1],
    ]);
    expect(reddit.mentions.byNetwork.map((t) => [t.value, t.total])).toEqual([['reddit', 5]]);

    const voice = await shareOfVoice(ctx, { ...q, network: 'x' });
    expect(voice.rows.map((r) => [r.competitor, r.total])).toEqual([
      ['', 3],
      ['Rival', 2],
    ]);

    // In Kolkata the pair is read from the rollups for whole hours (the new mention not counted)
    // and from the mentions for the hour the day starts in (18:00-19:00 UTC).
    expect(
      (await sentimentReport(ctx, { ...q, tz: 'Asia/Kolkata', network: 'x', topic: 'billing' })).total.total,
    ).toBe(4);
    // Three dimensions are not rolled up together: the raw table answers, new mention included.
    const three = await sentimentReport(ctx, { ...q, network: 'x', topic: 'billing', language: 'fr' });
    expect(three.total.total).toBe(4);
    // With a listener, read through the listener's network (x): the same four.
    const withListener = await sentimentReport(ctx, {
      ...q,
      listenerId: own,
      topic: 'billing',
      language: 'fr',
    });
    expect(withListener.total.total).toBe(4);
    const rivalFr = await sentimentReport(ctx, { ...q, listenerId: rival, topic: 'billing', language: 'fr' });
    expect(rivalFr.total.total).toBe(0);

    // Once the job has run, rollups and raw table agree on every pair.
    await refreshRollups(ctx);
    for (const f of [
      { network: 'x', topic: 'billing' },
      { language: 'en', topic: 'billing' },
      { network: 'reddit', language: 'fr' },
      { topic: 'billing', intent: 'complaint' },
      { network: 'x', intent: 'other' },
      { language: 'fr', intent: 'other' },
    ]) {
      for (const tz of ['UTC', 'Asia/Kolkata']) {
        const a = await volumeReport(ctx, { ...q, ...f, tz });
        const b = await volumeReport(ctx, { ...q, ...f, tz }, { source: 'raw' });
        expect(a.mentions, JSON.stringify(f) + tz).toEqual(b.mentions);
        const c = await sentimentReport(ctx, { ...q, ...f, tz });
        const d = await sentimentReport(ctx, { ...q, ...f, tz }, { source: 'raw' });
        expect(c.series, JSON.stringify(f) + tz).toEqual(d.series);
      }
    }
    expect((await sentimentReport(ctx, { ...q, network: 'x', topic: 'billing' })).total.total).toBe(4);
    expect(
      (await sentimentReport(ctx, { ...q, tz: 'Asia/Kolkata', network: 'x', topic: 'billing' })).total.total,
    ).toBe(5);
  });
});

describe('rising terms', () => {
  it('counts every mention of both periods from the term rollups, the edges of a Kolkata day included', async () => {
    const brandId = await makeBrand(deps.db);
    const post = (at: string, text: string, language = 'en') =>
      makeMention(deps.db, { brandId, at, text, language });
    // Previous week (22-28 February): coffee praised five times, one late refund.
    for (let d = 22; d <= 26; d++) await post(`2026-02-${d}T10:00:00Z`, 'Great coffee this morning');
    await post('2026-02-27T10:00:00Z', 'My refund delayed');
    // This week (1-7 March): refunds late six times, coffee five times like before, lost parcels.
    for (let d = 1; d <= 6; d++) await post(`2026-03-0${d}T10:00:00Z`, 'Refund delayed');
    for (let d = 2; d <= 6; d++) await post(`2026-03-0${d}T11:00:00Z`, 'Great coffee this morning');
    await post('2026-03-05T12:00:00Z', 'colis perdu encore', 'fr');
    await post('2026-03-05T13:00:00Z', 'colis perdu depuis lundi', 'fr');
    await post('2026-03-06T12:00:00Z', 'colis perdu, personne ne répond', 'fr');
    // 19:00 UTC on 28 February is 00:30 on 1 March in Kolkata: this week there, last week in UTC.
    await post('2026-02-28T19:00:00Z', 'Refund delayed');
    await refreshRollups(ctx);
    const q = { brandId, from: '2026-03-01', to: '2026-03-07' };

    const utc = await topicsReport(ctx, { ...q, tz: 'UTC' });
    expect(utc.sampled).toBeNull();
    expect(utc.counted).toEqual({ current: 14, previous: 7 });
    // colis perdu: 3/14 now against (0+1)/(7+1) before, lift 1.71, score 0.115;
    // refund delayed: 6/14 against (2+1)/(7+1), lift 1.14, score 0.057; coffee fell (5/14 against 6/8).
    // The phrases explain their words, which are dropped.
    expect(utc.terms.map((t) => [t.term, t.current, t.previous])).toEqual([
      ['colis perdu', 3, 0],
      ['refund delayed', 6, 2],
    ]);
    expect(utc.terms[0]?.score).toBeCloseTo((3 / 14) * Math.log(3 / 14 / (1 / 8)), 10);

    const kolkata = await topicsReport(ctx, { ...q, tz: 'Asia/Kolkata' });
    expect(kolkata.counted).toEqual({ current: 15, previous: 6 });
    expect(kolkata.terms.map((t) => [t.term, t.current, t.previous])).toEqual([
      ['refund delayed', 7, 1],
      ['colis perdu', 3, 0],
    ]);

    const french = await topicsReport(ctx, { ...q, tz: 'UTC', language: 'fr' });
    expect(french.counted).toEqual({ current: 3, previous: 0 });
    expect(french.terms.map((t) => t.term)).toEqual(['colis perdu']);
    // Nothing at all before: what is frequent now is rising, even under half of the mentions.
    const firstWeek = await topicsReport(ctx, { brandId, from: '2026-02-22', to: '2026-02-28', tz: 'UTC' });
    expect(firstWeek.counted).toEqual({ current: 7, previous: 0 });
    // Both phrases of the five coffee posts (equal scores, in alphabetical order); their words are dropped.
    expect(firstWeek.terms.map((t) => [t.term, t.current])).toEqual([
      ['coffee morning', 5],
      ['great coffee', 5],
    ]);

    // The same ranking as counting every text directly (the raw path reads them all under 3,000).
    for (const f of [
      { ...q, tz: 'UTC' },
      { ...q, tz: 'Asia/Kolkata' },
      { ...q, tz: 'Asia/Kathmandu', language: 'en' },
    ]) {
      const fromRollups = await topicsReport(ctx, f);
      const fromTexts = await topicsReport(ctx, f, { source: 'raw' });
      expect(fromTexts.sampled).not.toBeNull();
      expect(fromRollups.terms).toEqual(fromTexts.terms);
    }
  });

  it('keeps the term rollups right when a day is rebuilt', async () => {
    const brandId = await makeBrand(deps.db);
    await makeMention(deps.db, { brandId, at: '2026-03-03T10:00:00Z', text: 'parcel lost again' });
    await makeMention(deps.db, { brandId, at: '2026-03-04T10:00:00Z', text: 'another day' });
    await refreshRollups(ctx);
    await makeMention(deps.db, { brandId, at: '2026-03-03T22:00:00Z', text: 'parcel lost twice' });
    await refreshRollups(ctx);
    await refreshRollups(ctx);
    const rows = (await deps.db.execute(
      sql`select term, docs from term_rollups where brand_id = ${brandId} and day = '2026-03-03' order by term`,
    )) as unknown;
    const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as {
      term: string;
      docs: number;
    }[];
    expect(Object.fromEntries(list.map((r) => [r.term, Number(r.docs)]))).toEqual({
      '': 2,
      'lost twice': 1,
      lost: 2,
      parcel: 2,
      'parcel lost': 2,
      twice: 1,
    });
  });
});
