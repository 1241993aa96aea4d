import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../../src/services/context';
import { composeDemoPost } from '../../src/services/demo/compose-demo-post';
import { screenshot, signIn } from './browser';
import { DEMO_PASSWORD } from './server';
import { useBrowserService } from './suite';

/** Marketing's morning: every report in both languages, a bar clicked through to its mentions, a CSV. */
describe('the reports, through the pages', () => {
  const s = useBrowserService();
  let page: Page;

  beforeAll(async () => {
    for (const text of [
      '@lumo my refund is late again, "third time", =HYPERLINK(1)',
      '@lumo le colis est en retard, remboursement en retard aussi',
      '@lumo love the new app update, great job',
    ]) {
      await composeDemoPost(asSystem(s.svc.rt.deps), { handle: 'report_reader', text });
    }
    await s.svc.rt.runJob('poll-listeners');
    await s.svc.rt.runJob('refresh-rollups');
    page = await s.browser.newPage({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      acceptDownloads: true,
    });
    await signIn(page, s.svc.base, 'marketing@lumo.demo', DEMO_PASSWORD);
  });

  const reports = [
    ['sentiment', '/reports/sentiment?days=7'],
    ['volume', '/reports/volume?days=7'],
    ['topics', '/reports/topics?days=7'],
    ['voice', '/reports/voice?days=7'],
    ['care', '/reports/care?days=7'],
  ] as const;

  for (const lang of ['en', 'fr'] as const) {
    it(`opens every report in ${lang}`, async () => {
      await page.goto(`${s.svc.base}/lang/${lang}?next=${encodeURIComponent('/reports')}`);
      for (const [name, path] of reports) {
        const res = await page.goto(`${s.svc.base}${path}`);
        expect(res?.status(), path).toBe(200);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        await expect.poll(() => page.locator('h1').count()).toBe(1);
        await screenshot(page, `reports-${name}-${lang}`);
      }
      const title = await page.locator('h1').textContent();
      expect(title).toBe(lang === 'fr' ? 'Performance du service client' : 'Care performance');
    });
  }

  it('clicks a bar of the sentiment chart through to its mentions, and downloads the CSV', async () => {
    await page.goto(`${s.svc.base}/lang/en?next=${encodeURIComponent('/reports/sentiment?days=7')}`);
    // The last bar is today, where the posts are.
    const bars = page.locator('svg.chart a');
    await expect.poll(() => bars.count()).toBe(7);
    await Promise.all([page.waitForNavigation(), bars.last().locator('rect').last().click({ force: true })]);
    expect(new URL(page.url()).pathname).toBe('/reports/mentions');
    await expect.poll(() => page.locator('main').textContent()).toContain('my refund is late again');
    await screenshot(page, 'reports-drill-down-en');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a[href^="/reports/export/mentions.csv"]'),
    ]);
    const file = await download.path();
    const csv = readFileSync(file, 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      '\ufeffid,posted_at,network,language,sentiment,intent,topic,author,followers,url,text',
    );
    // Starts with @: neutralised against formula injection, quoted for its commas and quotes.
    expect(csv).toContain(`"'@lumo my refund is late again, ""third time"", =HYPERLINK(1)"`);
    expect(csv.split('\r\n').filter(Boolean).length).toBeGreaterThanOrEqual(4);
  });
});
