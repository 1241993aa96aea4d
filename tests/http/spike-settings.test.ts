import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, brands, notificationChannels, notifications, reportSettings } from '../../src/db/schema';
import { asSystem } from '../../src/services/context';
import { detectSpikes } from '../../src/services/reports/detect-spikes';
import { refreshRollups } from '../../src/services/reports/refresh-rollups';
import { createTestApp, type TestApp } from '../helpers/app';
import { makeBrand, makeBulk } from '../services/reports/fixtures';
import { roleClients } from './role-clients';

const _BASE = 'http://passerelle.test';
const day = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();
let t: TestApp;
let brandId: string;

beforeAll(async () => {
  t = await createTestApp();
  brandId = await makeBrand(t.deps.db);
  await t.deps.db.update(brands).set({ name: 'Zeta' }).where(eq(brands.id, brandId));
  await t.deps.db.insert(notificationChannels).values({
    id: 'chan_spike_test',
    name: 'Marketing Slack',
    kind: 'slack',
    target: 'https://hooks.slack.test/x',
    audiences: ['marketing'],
  });
});
afterAll(() => t.close());

const { get, post, api } = roleClients(() => t);
const stored = async () =>
  (await t.deps.db.select().from(reportSettings).where(eq(reportSettings.brandId, brandId)))[0];

describe('spike thresholds, JSON API', () => {
  it('lists every brand with the defaults until saved, for marketing and admins only', async () => {
    const res = await api('GET', '/admin/spike-settings', 'marketing');
    expect(res.status).toBe(200);
    const rows = (await res.json()).data as { brandId: string }[];
    expect(rows.find((r) => r.brandId === brandId)).toMatchObject({
      brandName: 'Zeta',
      ratio: 2,
      minMentions: 10,
      negativeDelta: 0.2,
      alerts: true,
      saved: false,
      recent: [],
    });
    for (const who of ['advisor', 'expert'] as const) {
      expect((await api('GET', '/admin/spike-settings', who)).status).toBe(403);
      expect((await api('POST', `/admin/brands/${brandId}/spike-settings`, who, {})).status).toBe(403);
    }
  });

  it('saves valid thresholds and refuses the others, field by field', async () => {
    const ok = await api('POST', `/admin/brands/${brandId}/spike-settings`, 'admin', {
      ratio: 3,
      minMentions: 12,
      negativeDelta: 0.3,
      alerts: true,
    });
    expect(ok.status).toBe(200);
    expect(await stored()).toMatchObject({
      spikeRatio: 3,
      spikeMinMentions: 12,
      spikeNegativeDelta: expect.closeTo(0.3, 5),
      spikeAlerts: true,
    });
    const bad = await api('POST', `/admin/brands/${brandId}/spike-settings`, 'admin', {
      ratio: 1,
      minMentions: 2.5,
      negativeDelta: 3,
      alerts: 'sometimes',
    });
    expect(bad.status).toBe(400);
    const error = (await bad.json()).error;
    expect(error.code).toBe('validation_failed');
    expect(error.issues.map((i: { field: string }) => i.field).sort()).toEqual([
      'alerts',
      'minMentions',
      'negativeDelta',
      'ratio',
    ]);
    // Nothing changed, and the one change made is in the audit log, with who made it.
    expect((await stored())?.spikeRatio).toBe(3);
    const trail = await t.deps.db.select().from(auditLog).where(eq(auditLog.entityId, brandId));
    expect(trail.map((a) => [a.action, a.details])).toEqual([
      ['spike_settings.saved', { ratio: 3, minMentions: 12, negativeDelta: 0.3, alerts: true }],
    ]);
    expect(trail[0]?.actorId).not.toBeNull();
    const missing = await api('POST', '/admin/brands/nope/spike-settings', 'admin', {
      ratio: 2,
      minMentions: 10,
      negativeDelta: 0.2,
      alerts: true,
    });
    expect(missing.status).toBe(404);
  });
});

describe('spike thresholds, admin page', () => {
  it('shows each brand in English and French, and not to advisors', async () => {
    const en = await (await get('/admin/spike-alerts', 'marketing')).text();
    expect(en).toContain('<h1>Spike alerts</h1>');
    expect(en).toContain('Zeta');
    expect(en).toContain('Volume: times the usual');
    expect(en).toContain('href="/admin/spike-alerts"');
    const fr = await (await get('/admin/spike-alerts', 'admin', 'fr')).text();
    expect(fr).toContain('<h1>Alertes de pic</h1>');
    expect(fr).toContain('Hausse de la part négative, en points');
    // The stored 0.3 shows as 30 points.
    expect(fr).toMatch(new RegExp(`id="f-${brandId}-negativeRise"[^>]*value="30"`));
    expect((await get('/admin/spike-alerts', 'advisor')).status).toBe(403);
  });

  it('saves a form with a French decimal comma, and sends a wrong one back with its errors', async () => {
    const saved = await post(
      `/admin/spike-alerts/${brandId}`,
      { alerts: 'on', ratio: '2,5', minMentions: '15', negativeRise: '25' },
      'marketing',
      'fr',
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/admin/spike-alerts?saved=${brandId}#brand-${brandId}`);
    expect(await stored()).toMatchObject({
      spikeRatio: 2.5,
      spikeMinMentions: 15,
      spikeNegativeDelta: expect.closeTo(0.25, 5),
      spikeAlerts: true,
    });
    const notice = await (await get(`/admin/spike-alerts?saved=${brandId}`, 'marketing', 'fr')).text();
    expect(notice).toContain('Seuils enregistrés pour Zeta.');

    const refused = await post(
      `/admin/spike-alerts/${brandId}`,
      { ratio: 'beaucoup', minMentions: '0', negativeRise: '150' },
      'marketing',
      'fr',
    );
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('Les seuils n’ont pas été enregistrés');
    expect(html).toContain('saisissez un nombre entre 1,2 et 50.');
    expect(html).toContain('saisissez un nombre entier entre 1 et 100 000.');
    expect(html).toContain('saisissez un nombre de points entre 1 et 100.');
    // What was typed comes back, marked invalid.
    expect(html).toMatch(new RegExp(`id="f-${brandId}-ratio"[^>]*value="beaucoup"[^>]*aria-invalid="true"`));
    expect(await stored()).toMatchObject({ spikeRatio: 2.5, spikeMinMentions: 15 });
  });
});

describe('the spike job reads the saved thresholds', () => {
  it('alerts on a planted spike or not, as the thresholds say', async () => {
    // Four weeks at 10 mentions an hour at 15:00, then 25 (2.5 times the usual) on two days.
    const first = Date.parse('2026-06-10T15:00:00Z');
    const second = first + day;
    for (let d = 1; d <= 28; d++) await makeBulk(t.deps.db, brandId, iso(first - d * day + 60_000), 10);
    await makeBulk(t.deps.db, brandId, iso(first + 60_000), 25);
    await makeBulk(t.deps.db, brandId, iso(second + 60_000), 25);
    const system = asSystem(t.deps);
    await refreshRollups(system);
    const alerted = async () =>
      (
        await t.deps.db
          .select({ subject: notifications.subject, key: notifications.dedupeKey })
          .from(notifications)
          .where(like(notifications.dedupeKey, `spike:${brandId}:%`))
      ).map((n) => n.subject);
    const save = (form: Record<string, string>) =>
      post(`/admin/spike-alerts/${brandId}`, { minMentions: '10', negativeRise: '20', ...form }, 'admin');

    // 2.5 times the usual is not three times.
    expect((await save({ alerts: 'on', ratio: '3' })).status).toBe(303);
    await detectSpikes(system, { hour: new Date(first) });
    expect(await alerted()).toEqual([]);

    // Off: no alert even at a lower ratio.
    expect((await save({ ratio: '2' })).status).toBe(303);
    await detectSpikes(system, { hour: new Date(first) });
    expect(await alerted()).toEqual([]);

    // On again: the same hour now alerts.
    expect((await save({ alerts: 'on', ratio: '2' })).status).toBe(303);
    await detectSpikes(system, { hour: new Date(first) });
    expect(await alerted()).toEqual(['Mention spike for Zeta: all mentions']);

    // The next day: 25 mentions are under a minimum of 30, then over a minimum of 20.
    expect((await save({ alerts: 'on', ratio: '2', minMentions: '30' })).status).toBe(303);
    await detectSpikes(system, { hour: new Date(second) });
    expect(await alerted()).toHaveLength(1);
    expect((await save({ alerts: 'on', ratio: '2', minMentions: '20' })).status).toBe(303);
    await detectSpikes(system, { hour: new Date(second) });
    expect(await alerted()).toEqual([
      'Mention spike for Zeta: all mentions',
      'Mention spike for Zeta: all mentions',
    ]);

    // The page lists what was found, newest first, with a link to the mentions.
    const html = await (await get('/admin/spike-alerts', 'admin')).text();
    expect(html).toContain('Last spikes found');
    expect(html).toContain(
      `/reports/mentions?brandId=${brandId}&amp;since=${encodeURIComponent(iso(second))}`,
    );
  });
});
