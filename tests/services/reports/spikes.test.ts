import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client';
import { brands, notificationChannels, topics } from '../../../src/db/schema';
import type { Ctx } from '../../../src/services/context';
import { detectSpikes } from '../../../src/services/reports/detect-spikes';
import { refreshRollups } from '../../../src/services/reports/refresh-rollups';
import { createTestDatabase } from '../../helpers/db';
import { type TestDeps, testDeps } from '../../helpers/deps';
import { makeBrand, makeBulk } from './fixtures';

let database: Database;
let deps: TestDeps;
let ctx: Ctx;

const day = 86_400_000;
// Monday 2 March 2026, 09:00 UTC: the busy hour of the week.
const monday = Date.parse('2026-03-02T09:00:00Z');
const iso = (t: number) => new Date(t).toISOString();

async function queued() {
  const result = (await deps.db.execute(
    sql`select subject, body, link from notifications order by created_at, id`,
  )) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    subject: string;
    body: string;
    link: string;
  }[];
}

/** Five weeks of a weekly rhythm at 09:00: 30 mentions on Mondays, 5 on other days, 10% negative. */
async function weeklyRhythm(brandId: string, until: number) {
  for (let t = until - 35 * day; t < until; t += day) {
    const isMonday = new Date(t).getUTCDay() === 1;
    const n = isMonday ? 30 : 5;
    const negative = Math.round(n / 10);
    await makeBulk(deps.db, brandId, iso(t + 60_000), n - negative, { topic: 'billing' });
    await makeBulk(deps.db, brandId, iso(t + 120_000), negative, { sentiment: 'negative', topic: 'billing' });
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  deps = await testDeps(database, { now: '2026-03-10T12:00:00Z' });
  ctx = { ...deps, actor: null };
  await deps.db.insert(notificationChannels).values({
    id: 'chan_mkt',
    name: 'Marketing Slack',
    kind: 'slack',
    target: 'https://hooks.slack.test/x',
    audiences: ['marketing'],
  });
});
afterAll(() => database.close());

describe('spike alerts', () => {
  it('does not flag the weekly rhythm, finds a planted spike, and alerts once per spike', async () => {
    const brandId = await makeBrand(deps.db);
    await deps.db.update(brands).set({ name: 'Acme' }).where(eq(brands.id, brandId));
    const nextMonday = monday + 35 * day;
    await weeklyRhythm(brandId, nextMonday);
    // This Monday's busy hour, as busy as every Monday.
    await makeBulk(deps.db, brandId, iso(nextMonday + 60_000), 30, { topic: 'billing' });
    await refreshRollups(ctx);
    deps.clock.set(new Date(nextMonday + 3_600_000 + 5 * 60_000));
    const quiet = await detectSpikes(ctx);
    expect(quiet.hour.toISOString()).toBe(iso(nextMonday));
    expect(quiet.spikes).toBe(0);
    expect(await queued()).toEqual([]);

    // Tuesday: 40 mentions, most negative, where 5 are usual.
    const tuesday = nextMonday + day;
    await makeBulk(deps.db, brandId, iso(tuesday + 60_000), 10, { topic: 'billing' });
    await makeBulk(deps.db, brandId, iso(tuesday + 120_000), 30, { sentiment: 'negative', topic: 'billing' });
    await refreshRollups(ctx);
    deps.clock.set(new Date(tuesday + 3_600_000 + 5 * 60_000));
    const found = await detectSpikes(ctx);
    // Volume and negative share, for the brand and for its topic.
    expect(found.spikes).toBe(2);
    expect(found.alerts).toBe(4);
    const subjects = (await queued()).map((n) => n.subject).sort();
    expect(subjects).toEqual([
      'Mention spike for Acme: all mentions',
      'Mention spike for Acme: topic “billing”',
      'Negative spike for Acme: all mentions',
      'Negative spike for Acme: topic “billing”',
    ]);
    const negative = (await queued()).find((n) => n.subject === 'Negative spike for Acme: topic “billing”');
    expect(negative?.body).toBe(
      '75% negative (30 of 40 mentions) between 09:00 and 10:00 on Tuesday, 7 April 2026 (UTC), against 13% usually.\nThe mentions behind it:',
    );
    const link = negative?.link ?? '';
    expect(link).toContain('/reports/mentions?');
    expect(new URL(link).searchParams.get('since')).toBe(iso(tuesday));
    expect(new URL(link).searchParams.get('sentiment')).toBe('negative');

    // Running again, and the spike going on into the next hour: no new alert.
    expect((await detectSpikes(ctx)).alerts).toBe(0);
    await makeBulk(deps.db, brandId, iso(tuesday + 3_600_000 + 60_000), 40, {
      sentiment: 'negative',
      topic: 'billing',
    });
    await refreshRollups(ctx);
    deps.clock.set(new Date(tuesday + 2 * 3_600_000 + 5 * 60_000));
    const continuing = await detectSpikes(ctx);
    expect(continuing.spikes).toBe(2);
    expect(continuing.alerts).toBe(0);
    expect(await queued()).toHaveLength(4);
  });

  it('follows the brand threshold', async () => {
    const brandId = await makeBrand(deps.db);
    const t = Date.parse('2026-03-03T15:00:00Z');
    for (let d = 1; d <= 28; d++) await makeBulk(deps.db, brandId, iso(t - d * day + 60_000), 10);
    await makeBulk(deps.db, brandId, iso(t + 60_000), 25);
    await refreshRollups(ctx);
    const before = (await detectSpikes(ctx, { hour: new Date(t) })).spikes;
    expect(before).toBe(1);
    await deps.db.execute(sql`insert into report_settings (brand_id, spike_ratio) values (${brandId}, 3)`);
    await deps.db.execute(sql`delete from report_spikes where brand_id = ${brandId}`);
    expect((await detectSpikes(ctx, { hour: new Date(t) })).spikes).toBe(0);
  });

  it("alerts in the brand's language and time zone, with the topic's name and the link to the mentions", async () => {
    const brandId = await makeBrand(deps.db, { timezone: 'Europe/Paris' });
    await deps.db.update(brands).set({ name: 'Lumo', defaultLanguage: 'fr' }).where(eq(brands.id, brandId));
    await deps.db
      .insert(topics)
      .values({ id: `top_${brandId}`, brandId, key: 'billing', labelEn: 'Billing', labelFr: 'Facturation' });
    // Thursday 5 March 2026, 09:00 UTC: 10:00 in Paris.
    const t = Date.parse('2026-03-05T09:00:00Z');
    for (let d = 1; d <= 28; d++)
      await makeBulk(deps.db, brandId, iso(t - d * day + 60_000), 8, { topic: 'billing' });
    await makeBulk(deps.db, brandId, iso(t + 60_000), 10, { topic: 'billing' });
    await makeBulk(deps.db, brandId, iso(t + 120_000), 30, { sentiment: 'negative', topic: 'billing' });
    await refreshRollups(ctx);
    const before = (await queued()).length;
    expect((await detectSpikes(ctx, { hour: new Date(t) })).alerts).toBe(4);
    const mine = (await queued()).slice(before);
    expect(mine.map((n) => n.subject).sort()).toEqual([
      'Pic de mentions négatives pour Lumo : sujet « Facturation »',
      'Pic de mentions négatives pour Lumo : toutes les mentions',
      'Pic de mentions pour Lumo : sujet « Facturation »',
      'Pic de mentions pour Lumo : toutes les mentions',
    ]);
    const volume = mine.find((n) => n.subject === 'Pic de mentions pour Lumo : sujet « Facturation »');
    expect(volume?.body).toBe(
      '40 mentions entre 10:00 et 11:00 le jeudi 5 mars 2026 (Europe/Paris), contre environ 8 d’habitude à cette heure.\nLes mentions concernées :',
    );
    const link = new URL(volume?.link ?? '');
    expect(link.pathname).toBe('/reports/mentions');
    expect(Object.fromEntries(link.searchParams)).toEqual({
      brandId,
      since: '2026-03-05T09:00:00.000Z',
      until: '2026-03-05T10:00:00.000Z',
      topic: 'billing',
    });
    const negative = mine.find((n) => n.subject.startsWith('Pic de mentions négatives pour Lumo : sujet'));
    // Intl writes French percentages with a no-break space.
    expect(negative?.body).toBe(
      '75\u00a0% de mentions négatives (30 sur 40) entre 10:00 et 11:00 le jeudi 5 mars 2026 (Europe/Paris), contre 0\u00a0% d’habitude.\nLes mentions concernées :',
    );
    expect(new URL(negative?.link ?? '').searchParams.get('sentiment')).toBe('negative');
  });
});
