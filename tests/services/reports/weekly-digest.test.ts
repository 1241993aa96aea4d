import { eq } from 'drizzle-orm';
import { type ParsedMail, simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client';
import { brands, notificationChannels, topics } from '../../../src/db/schema';
import { readChartAssets } from '../../../src/entry/chart-assets-node';
import { jobNamed } from '../../../src/jobs/schedule';
import { asSystem } from '../../../src/services/context';
import { sendDueNotifications } from '../../../src/services/notifications/send-due-notifications';
import { createChartRasteriser } from '../../../src/services/reports/png-chart';
import { refreshRollups } from '../../../src/services/reports/refresh-rollups';
import { buildDigest } from '../../../src/services/reports/weekly-digest';
import { createTestDatabase } from '../../helpers/db';
import { type TestDeps, testDeps } from '../../helpers/deps';
import { startSmtp } from '../../notify/fake-smtp';
import { makeBrand, makeBulk } from './fixtures';

let database: Database;
let deps: TestDeps;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let frBrand: string;
let enBrand: string;

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, after checking the file is a PNG from end to end. */
function pngSize(bytes: Buffer) {
  expect([...bytes.subarray(0, 8)]).toEqual(pngSignature);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  expect(bytes.subarray(bytes.length - 8, bytes.length - 4).toString('latin1')).toBe('IEND');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The cells of the table row starting with `first`, as the reader sees them. */
function row(html: string, first: string): string[] {
  const tr = html.split('<tr>').find((r) => r.startsWith(`<td>${first}</td>`));
  if (!tr) throw new Error(`no row for ${first}`);
  return [...tr.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1] as string);
}

beforeAll(async () => {
  database = await createTestDatabase();
  // Monday 9 March 2026, 07:00 UTC, when the job runs: the digest covers 2 to 8 March.
  deps = await testDeps(database, { now: '2026-03-09T07:00:00Z' });
  deps.charts = createChartRasteriser(readChartAssets);
  smtp = await startSmtp({ user: 'passerelle', pass: 'smtp-password' });

  frBrand = await makeBrand(deps.db);
  await deps.db.update(brands).set({ name: 'Lumo', defaultLanguage: 'fr' }).where(eq(brands.id, frBrand));
  await deps.db.insert(topics).values([
    { id: `top_${frBrand}_b`, brandId: frBrand, key: 'billing', labelEn: 'Billing', labelFr: 'Facturation' },
    { id: `top_${frBrand}_d`, brandId: frBrand, key: 'delivery', labelEn: 'Delivery', labelFr: 'Livraison' },
  ]);
  await makeBulk(deps.db, frBrand, '2026-03-02T10:00:00Z', 3, { sentiment: 'negative', topic: 'billing' });
  await makeBulk(deps.db, frBrand, '2026-03-02T10:05:00Z', 2, { sentiment: 'positive', topic: 'billing' });
  await makeBulk(deps.db, frBrand, '2026-03-04T15:00:00Z', 4, { sentiment: 'neutral', topic: 'delivery' });
  await makeBulk(deps.db, frBrand, '2026-03-08T20:00:00Z', 1, { sentiment: 'negative', topic: 'billing' });
  // The week before, for the topics' change.
  await makeBulk(deps.db, frBrand, '2026-02-25T10:00:00Z', 2, { topic: 'billing' });
  await makeBulk(deps.db, frBrand, '2026-02-25T11:00:00Z', 6, { topic: 'delivery' });
  // Outside the week: must not count.
  await makeBulk(deps.db, frBrand, '2026-03-09T06:00:00Z', 50, { sentiment: 'negative', topic: 'billing' });

  enBrand = await makeBrand(deps.db);
  await deps.db.update(brands).set({ name: 'Acme' }).where(eq(brands.id, enBrand));
  await makeBulk(deps.db, enBrand, '2026-03-03T09:00:00Z', 1200, { sentiment: 'positive' });
  await makeBulk(deps.db, enBrand, '2026-03-03T09:30:00Z', 1, { sentiment: 'negative' });
  await refreshRollups(asSystem(deps));

  await deps.db.insert(notificationChannels).values({
    id: 'chan_mkt_mail',
    name: 'Marketing mail',
    kind: 'email',
    target: 'marketing@lumo.demo',
    secret: await deps.secrets.seal('smtp-password'),
    audiences: ['marketing'],
    settings: {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: 'passerelle',
      from: 'Passerelle <reports@lumo.demo>',
    },
  });
}, 60_000);
afterAll(async () => {
  await smtp.close();
  await database.close();
});

describe('the weekly digest e-mail', () => {
  let french: ParsedMail;
  let english: ParsedMail;

  it('is queued once per brand and week, and delivered over SMTP', async () => {
    const job = jobNamed('weekly-digest');
    expect(job.cron).toBe('0 7 * * 1');
    expect(await job.run({ ...deps, demoNetwork: false })).toEqual({ queued: 2 });
    // The job running twice the same Monday queues nothing more.
    expect(await job.run({ ...deps, demoNetwork: false })).toEqual({ queued: 0 });
    const sent = await sendDueNotifications(asSystem(deps));
    expect(sent.map((s) => s.status)).toEqual(['sent', 'sent']);
    expect(smtp.received).toHaveLength(2);
    const parsed = await Promise.all(smtp.received.map((m) => simpleParser(m.raw, { keepCidLinks: true })));
    french = parsed.find((m) => m.subject?.includes('Lumo')) as ParsedMail;
    english = parsed.find((m) => m.subject?.includes('Acme')) as ParsedMail;
    expect(french.to && !Array.isArray(french.to) ? french.to.text : '').toBe('marketing@lumo.demo');
  }, 60_000);

  it("speaks the brand's language and carries the week's figures", () => {
    expect(french.subject).toBe('Rapport de la semaine pour Lumo : du 2026-03-02 au 2026-03-08');
    const html = french.html as string;
    expect(html).toContain('<th>Négatives</th>');
    // Day, negative, neutral, positive, net (positive minus negative over the total).
    expect(row(html, '2026-03-02')).toEqual(['2026-03-02', '3', '0', '2', '-0,2']);
    expect(row(html, '2026-03-03')).toEqual(['2026-03-03', '0', '0', '0', '0']);
    expect(row(html, '2026-03-04')).toEqual(['2026-03-04', '0', '4', '0', '0']);
    expect(row(html, '2026-03-08')).toEqual(['2026-03-08', '1', '0', '0', '-1']);
    expect(html).not.toContain('2026-03-09');
    // No text but "bulk": no rising term, so no empty section either.
    expect(html).not.toContain('Termes en hausse');
    // Topics under their French names, against the week before.
    expect(row(html, 'Facturation')).toEqual(['Facturation', '6', '+4']);
    expect(row(html, 'Livraison')).toEqual(['Livraison', '4', '-2']);
    expect(french.text).toContain('2026-03-02: 5 (3 négatives), Sentiment net -0,2');
    expect(french.text).toContain(`http://passerelle.test/reports/sentiment?brandId=${frBrand}&days=7`);

    expect(english.subject).toBe('Weekly report for Acme: 2026-03-02 to 2026-03-08');
    expect(row(english.html as string, '2026-03-03')).toEqual(['2026-03-03', '1', '0', '1,200', '+1']);
    expect(row(english.html as string, 'No topic')).toEqual(['No topic', '1,201', '+1,201']);
  });

  it('shows the charts as inline PNG images, by cid, with alt text and the tables kept', () => {
    const html = french.html as string;
    const pngs = french.attachments.filter((a) => a.contentType === 'image/png');
    expect(pngs.map((a) => a.filename)).toEqual(['sentiment.png', 'topics.png']);
    for (const a of pngs) {
      expect(a.related).toBe(true);
      expect(a.cid).toBeTruthy();
      expect(html).toContain(`src="cid:${a.cid}"`);
      expect(a.content.length).toBeGreaterThan(2_000);
    }
    const [sentiment, topicBars] = pngs as [(typeof pngs)[0], (typeof pngs)[0]];
    // Drawn at twice the mail column's 640 pixels, for sharp text.
    expect(pngSize(sentiment.content)).toEqual({ width: 1280, height: 520 });
    // Two topics: the legend and a row each.
    expect(pngSize(topicBars.content)).toEqual({ width: 1280, height: 204 });
    expect(html).toContain('width="640"');
    expect(html).toMatch(/<img src="cid:[^"]+" alt="Sentiment par jour\. Barres empilées/);
    expect(html).toMatch(/<img src="cid:[^"]+" alt="Sujets par rapport à la semaine précédente\./);
    // The picture replaces the SVG; the numbers stay in tables.
    expect(html).not.toContain('<svg');
    expect(english.attachments.filter((a) => a.contentType === 'image/png')).toHaveLength(2);
  });

  it('keeps the chart as inline SVG where no rasteriser is given', async () => {
    const { charts: _charts, ...plain } = deps;
    const d = await buildDigest(asSystem(plain), { id: frBrand, name: 'Lumo', defaultLanguage: 'fr' });
    expect(d.images).toEqual([]);
    expect(d.html).toContain('<svg');
    expect(d.html).toContain('<title id="digest-t">Sentiment par jour</title>');
    expect(d.html).not.toContain('cid:');
  });
});
