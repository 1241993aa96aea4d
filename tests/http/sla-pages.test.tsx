import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, slaPolicies, users } from '../../src/db/schema';
import { createTestApp, type TestApp } from '../helpers/app';
import { roleClients } from './role-clients';

/** The SLA policies of a brand, edited by the admin in pages and through the API. */
describe('SLA policies admin', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const { get, post, api } = roleClients(() => t);
  const policies = () => t.deps.db.select().from(slaPolicies).where(eq(slaPolicies.brandId, t.brandId));
  const userId = async (email: string) =>
    (await t.deps.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;

  const form = (over: Record<string, string> = {}): [string, string][] => {
    const base: Record<string, string> = {
      minPriority: '85',
      firstResponseMinutes: '20',
      firstResponseUnit: 'minutes',
      resolutionMinutes: '3',
      resolutionUnit: 'hours',
      // Monday to Friday 08:30-19:00 and Saturday mornings.
      'openingHours.1': '08:30-19:00',
      'openingHours.2': '08:30-19:00',
      'openingHours.3': '08:30-19:00',
      'openingHours.4': '08:30-19:00',
      'openingHours.5': '08:30-19:00',
      'openingHours.6': '09:00-12:00',
      'openingHours.7': '',
      timeZone: 'America/Montreal',
      reminderMinutes: '10',
      backupUserId: '',
      ...over,
    };
    return Object.entries(base);
  };

  it('lists the policies per priority in both languages, with a link in the admin menu', async () => {
    const en = await (await get(`/admin/sla?brand=${t.brandId}`)).text();
    expect(en).toContain('Service levels (SLAs)');
    expect(en).toContain('First response 30 min · resolution 4 h');
    expect(en).toMatch(/<details class="nav-menu">[\s\S]*href="\/admin\/sla" aria-current="page"/);
    const fr = await (await get(`/admin/sla?brand=${t.brandId}`, 'admin', 'fr')).text();
    expect(fr).toContain('Niveaux de service (SLA)');
    expect(fr).toContain('Première réponse 30 min · résolution 4 h');
    expect(fr).toContain('lun.–ven. 09:00–18:00 · 11 jours de fermeture');
  });

  it('refuses the pages and the API to advisors, experts and marketing', async () => {
    const [policy] = await policies();
    for (const role of ['advisor', 'expert', 'marketing'] as const) {
      for (const path of [
        '/admin/sla',
        `/admin/sla/new?brand=${t.brandId}`,
        `/admin/sla/${policy!.id}/edit`,
      ]) {
        expect((await get(path, role)).status, `${role} ${path}`).toBe(403);
      }
      expect((await post(`/admin/sla?brand=${t.brandId}`, form(), role)).status, role).toBe(403);
      expect((await post(`/admin/sla/${policy!.id}/delete`, [], role)).status, role).toBe(403);
      expect((await api('GET', `/admin/brands/${t.brandId}/sla-policies`, role)).status, role).toBe(403);
      expect((await api('POST', `/admin/sla-policies/${policy!.id}/delete`, role)).status, role).toBe(403);
      const viaApi = await api('POST', `/admin/brands/${t.brandId}/sla-policies`, role, {
        minPriority: 99,
        firstResponseMinutes: 10,
        resolutionMinutes: 20,
        openingHours: { '1': '09:00-17:00' },
        reminderMinutes: 5,
      });
      expect(viaApi.status, role).toBe(403);
      // The admin link is not offered either.
      const knowledge = await get('/knowledge', role);
      expect(knowledge.status, role).toBe(200);
      expect(await knowledge.text(), role).not.toContain('href="/admin/sla"');
    }
    expect(await policies()).toHaveLength(3);
  });

  it('refuses a bad form with every problem in English or French and keeps what was typed', async () => {
    const bad = form({
      minPriority: '40',
      firstResponseMinutes: '2',
      firstResponseUnit: 'hours',
      resolutionMinutes: '90',
      resolutionUnit: 'minutes',
      'openingHours.1': '9h-18h',
      'openingHours.2': '13:00-18:00, 09:00-14:00',
      timeZone: 'Europe/Pariss',
      reminderMinutes: '5000',
      closedDays: '12-25\n2026-02-30, 25/12',
    });
    const en = await post(`/admin/sla?brand=${t.brandId}`, bad);
    expect(en.status).toBe(400);
    const html = await en.text();
    for (const text of [
      'is not a known time zone (e.g. Europe/Paris)',
      'Opening hours · Monday</a>: write hours as 09:00-18:00, or 09:00-12:30, 13:30-18:00',
      'Opening hours · Tuesday</a>: the hours of a day must not overlap',
      'must be between 0 and 1,440 minutes',
      'the resolution target cannot be shorter than the first response',
      'write each date as 2026-12-25, or 12-25 for every year',
    ]) {
      expect(html, text).toContain(text);
    }
    expect(html).toContain('value="Europe/Pariss"');
    expect(html).toContain('value="9h-18h"');
    expect(html).toContain('value="13:00-18:00, 09:00-14:00"');
    expect(html).toContain('href="#f-openingHours.1"');
    expect(html).toContain('value="5000"');
    expect(html).toContain('>12-25\n2026-02-30, 25/12</textarea>');
    // One message for the field, however many of its dates are wrong.
    expect(html.match(/write each date as/g)).toHaveLength(2); // the summary and the field
    const fr = await (await post(`/admin/sla?brand=${t.brandId}`, bad, 'admin', 'fr')).text();
    expect(fr).toContain('n’est pas un fuseau horaire connu');
    expect(fr).toContain('écrivez les horaires comme 09:00-18:00, ou 09:00-12:30, 13:30-18:00');
    expect(fr).toContain('les plages d’un même jour ne doivent pas se chevaucher');
    // A week without a single open day.
    const closedWeek = form(Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [`openingHours.${d}`, ''])));
    const shut = await post(`/admin/sla?brand=${t.brandId}`, closedWeek, 'admin', 'fr');
    expect(shut.status).toBe(400);
    expect(await shut.text()).toContain('Horaires d’ouverture</a>\u00a0: ouvrez au moins un jour');
    expect(fr).toContain('écrivez chaque date comme 2026-12-25, ou 12-25 pour chaque année');
    // A threshold the brand already has is refused on its field, not as a server error.
    const taken = await post(`/admin/sla?brand=${t.brandId}`, form({ minPriority: '40' }), 'admin', 'fr');
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain('cette marque a déjà une politique à partir de cette priorité');
    expect(await policies()).toHaveLength(3);
  });

  it('creates, edits and deletes a policy through the pages, with audit rows', async () => {
    const backup = await userId('billing@lumo.demo');
    const created = await post(
      `/admin/sla?brand=${t.brandId}`,
      form({ backupUserId: backup, closedDays: '12-25\r\n2026-12-24, 01-01 12-25' }),
    );
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toContain('done=sla_created');
    const row = (await policies()).find((p) => p.minPriority === 85)!;
    expect(row).toMatchObject({
      firstResponseMinutes: 20,
      resolutionMinutes: 180,
      openingHours: [
        ...[1, 2, 3, 4, 5].map((day) => ({ day, start: 510, end: 1140 })),
        { day: 6, start: 540, end: 720 },
      ],
      timeZone: 'America/Montreal',
      reminderMinutes: 10,
      backupUserId: backup,
      closedDays: ['01-01', '12-25', '2026-12-24'],
    });
    const listed = await (await get(`/admin/sla?brand=${t.brandId}`, 'admin')).text();
    expect(listed).toContain('Mon–Fri 08:30–19:00 · Sat 09:00–12:00 · 3 closed days');
    const edit = await (await get(`/admin/sla/${row.id}/edit`, 'admin', 'fr')).text();
    expect(edit).toContain('name="openingHours.1" type="text" value="08:30-19:00"');
    expect(edit).toContain('name="openingHours.7" type="text" value="" placeholder="Fermé"');
    expect(edit).toContain('value="America/Montreal"');
    expect(edit).toContain('>01-01\n12-25\n2026-12-24</textarea>');
    const saved = await post(
      `/admin/sla/${row.id}`,
      form({
        minPriority: '86',
        timeZone: '',
        'openingHours.5': '08:30-12:00, 13:00-24:00',
        firstResponseMinutes: '1',
        firstResponseUnit: 'hours',
      }),
    );
    expect(saved.status).toBe(303);
    const after = (await policies()).find((p) => p.id === row.id)!;
    expect(after).toMatchObject({
      closedDays: [],
      minPriority: 86,
      timeZone: null,
      firstResponseMinutes: 60,
    });
    expect(after.openingHours.filter((w) => w.day === 5)).toEqual([
      { day: 5, start: 510, end: 720 },
      { day: 5, start: 780, end: 1440 },
    ]);
    const deleted = await post(`/admin/sla/${row.id}/delete`, []);
    expect(deleted.headers.get('location')).toContain('done=sla_deleted');
    expect((await policies()).some((p) => p.id === row.id)).toBe(false);
    const trail = await t.deps.db.select().from(auditLog).where(eq(auditLog.entityId, row.id));
    expect(trail.map((a) => a.action).sort()).toEqual([
      'sla_policy.created',
      'sla_policy.deleted',
      'sla_policy.updated',
    ]);
  });

  it('offers the same through the JSON API, with field errors', async () => {
    const list = await api('GET', `/admin/brands/${t.brandId}/sla-policies`, 'admin');
    expect(list.status).toBe(200);
    const body = (await list.json()) as { data: { policies: { minPriority: number }[] } };
    expect(body.data.policies.map((p) => p.minPriority)).toEqual([0, 40, 70]);
    const refused = await api('POST', `/admin/brands/${t.brandId}/sla-policies`, 'admin', {
      minPriority: 101,
      firstResponseMinutes: 10,
      resolutionMinutes: 20,
      openingHours: { '1': '09:00-17:00' },
      timeZone: 'Nowhere/City',
      reminderMinutes: 5,
      backupUserId: 'usr_nobody',
    });
    expect(refused.status).toBe(400);
    const err = (await refused.json()) as { error: { code: string; issues: { field: string }[] } };
    expect(err.error.code).toBe('validation_failed');
    expect(err.error.issues.map((i) => i.field).sort()).toEqual(['minPriority', 'timeZone']);
    const unknownBackup = await api('POST', `/admin/brands/${t.brandId}/sla-policies`, 'admin', {
      minPriority: 95,
      firstResponseMinutes: 10,
      resolutionMinutes: 20,
      openingHours: { '1': '09:00-17:00' },
      reminderMinutes: 5,
      backupUserId: 'usr_nobody',
    });
    expect(unknownBackup.status).toBe(400);
    const tooManyClosed = await api('POST', `/admin/brands/${t.brandId}/sla-policies`, 'admin', {
      minPriority: 95,
      firstResponseMinutes: 10,
      resolutionMinutes: 20,
      openingHours: { '1': '09:00-17:00' },
      // 101 different days of 2027.
      closedDays: Array.from({ length: 101 }, (_, i) =>
        new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10),
      ),
      reminderMinutes: 5,
    });
    expect(tooManyClosed.status).toBe(400);
    const closedErr = (await tooManyClosed.json()) as {
      error: { issues: { field: string; message: string }[] };
    };
    expect(closedErr.error.issues).toEqual([{ field: 'closedDays', message: 'at most 100 closed days' }]);
    const created = await api('POST', `/admin/brands/${t.brandId}/sla-policies`, 'admin', {
      minPriority: 95,
      firstResponseMinutes: 1,
      firstResponseUnit: 'hours',
      resolutionMinutes: 480,
      openingHours: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, '00:00-24:00'])),
      timeZone: 'Asia/Tokyo',
      reminderMinutes: 5,
    });
    expect(created.status).toBe(201);
    const { data } = (await created.json()) as { data: { id: string; firstResponseMinutes: number } };
    expect(data.firstResponseMinutes).toBe(60);
    expect((await api('GET', `/admin/sla-policies/${data.id}`, 'admin')).status).toBe(200);
    const edited = await api('POST', `/admin/sla-policies/${data.id}`, 'admin', {
      minPriority: 95,
      firstResponseMinutes: 30,
      resolutionMinutes: 480,
      openingHours: { '6': '10:00-16:00', '7': '10:00-12:00, 14:00-16:00' },
      reminderMinutes: 5,
    });
    expect(edited.status).toBe(200);
    const windows = ((await edited.json()) as { data: { openingHours: unknown } }).data.openingHours;
    expect(windows).toEqual([
      { day: 6, start: 600, end: 960 },
      { day: 7, start: 600, end: 720 },
      { day: 7, start: 840, end: 960 },
    ]);
    // What is read back is taken back as it is.
    const withHours = (openingHours: unknown) =>
      api('POST', `/admin/sla-policies/${data.id}`, 'admin', {
        minPriority: 95,
        firstResponseMinutes: 30,
        resolutionMinutes: 480,
        openingHours,
        reminderMinutes: 5,
      });
    const again = await withHours(windows);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { data: { openingHours: unknown } }).data.openingHours).toEqual(windows);
    type Refusal = { error: { issues: { field: string; message: string }[] } };
    const overlapping = [
      { day: 2, start: 540, end: 780 },
      { day: 2, start: 720, end: 1080 },
    ];
    const outOfWeek = await withHours([...overlapping, { day: 9, start: 0, end: 60 }]);
    expect(outOfWeek.status).toBe(400);
    expect(((await outOfWeek.json()) as Refusal).error.issues).toEqual([
      { field: 'openingHours', message: 'write hours as 09:00-18:00, or 09:00-12:30, 13:30-18:00' },
    ]);
    const overlap = await withHours(overlapping);
    expect(overlap.status).toBe(400);
    expect(((await overlap.json()) as Refusal).error.issues).toEqual([
      { field: 'openingHours.2', message: 'the hours of a day must not overlap' },
    ]);
    expect((await api('POST', `/admin/sla-policies/${data.id}/delete`, 'admin')).status).toBe(200);
    expect((await api('GET', `/admin/sla-policies/${data.id}`, 'admin')).status).toBe(404);
    const doc = (await (await api('GET', '/openapi.json', 'admin')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toContain('/api/admin/brands/{brandId}/sla-policies');
  });
});
