import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../../src/services/context';
import { composeDemoPost } from '../../src/services/demo/compose-demo-post';
import { screenshot, signIn } from './browser';
import { DEMO_PASSWORD } from './server';
import { useBrowserService } from './suite';

/** A reader in India sets their zone once; every report then reads days in it, in both languages. */
describe("the reader's time zone, through the pages", () => {
  const s = useBrowserService();
  let page: Page;

  beforeAll(async () => {
    for (const text of [
      '@lumo my refund is late again',
      '@lumo my refund is late, third time',
      '@lumo refund late and nobody answers',
      '@lumo le colis est en retard',
    ]) {
      await composeDemoPost(asSystem(s.svc.rt.deps), { handle: 'zone_reader', text });
    }
    await s.svc.rt.runJob('poll-listeners');
    await s.svc.rt.runJob('refresh-rollups');
    page = await s.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    await signIn(page, s.svc.base, 'marketing@lumo.demo', DEMO_PASSWORD);
  });

  it('sets the zone in the preferences and reads the reports in it', async () => {
    await page.goto(`${s.svc.base}/lang/en?next=${encodeURIComponent('/reports/sentiment?days=7')}`);
    const range = () => page.locator('p.range-line').textContent();
    // No preference yet: the brand's zone.
    expect(await range()).toContain('the brand’s zone');
    await Promise.all([page.waitForNavigation(), page.click('main a[href^="/preferences"]')]);
    expect(new URL(page.url()).pathname).toBe('/preferences');
    await page.selectOption('select[name="timezone"]', 'Asia/Kolkata');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/preferences"] button')]);
    expect(await page.locator('[role="status"]').textContent()).toContain('Saved.');
    expect(await page.inputValue('select[name="timezone"]')).toBe('Asia/Kolkata');
    await screenshot(page, 'preferences-en');

    expect((await page.goto(`${s.svc.base}/reports?days=7`))?.status()).toBe(200);
    await screenshot(page, 'report-zone-overview-en');
    await page.goto(`${s.svc.base}/reports/sentiment?days=7`);
    expect(await range()).toContain('(Asia/Kolkata) · your preference');
    await screenshot(page, 'report-zone-sentiment-en');
    await page.goto(`${s.svc.base}/reports/topics?days=7`);
    expect(await page.locator('main').textContent()).toContain('Terms are counted over every mention: ');
    await screenshot(page, 'report-zone-topics-en');

    // The tz filter still wins, and is carried by the report's links.
    await page.goto(`${s.svc.base}/reports/volume?days=7&tz=America/New_York`);
    expect(await range()).toContain('(America/New_York) · chosen here');
    expect(await page.getAttribute('nav.report-nav a[href^="/reports/sentiment"]', 'href')).toContain(
      'tz=America%2FNew_York',
    );
    await screenshot(page, 'report-zone-volume-en');
  });

  it('reads the same in French, and refuses a zone that does not exist', async () => {
    await page.goto(`${s.svc.base}/lang/fr?next=${encodeURIComponent('/reports/sentiment?days=7')}`);
    expect(await page.locator('p.range-line').textContent()).toContain('(Asia/Kolkata) · votre préférence');
    await screenshot(page, 'report-zone-sentiment-fr');
    await page.goto(`${s.svc.base}/reports?days=7`);
    await screenshot(page, 'report-zone-overview-fr');
    await page.goto(`${s.svc.base}/reports/topics?days=7`);
    expect(await page.locator('main').textContent()).toContain(
      'Les termes sont comptés sur toutes les mentions',
    );
    await screenshot(page, 'report-zone-topics-fr');
    await page.goto(`${s.svc.base}/preferences`);
    expect(await page.locator('h1').textContent()).toBe('Vos préférences');
    // A forged value the list does not offer.
    await page.evaluate(() => {
      const select = document.querySelector('select[name="timezone"]') as HTMLSelectElement;
      select.add(new Option('Mars/Olympus', 'Mars/Olympus', true, true));
    });
    const [res] = await Promise.all([
      page.waitForNavigation(),
      page.click('form[action="/preferences"] button'),
    ]);
    expect(res?.status()).toBe(400);
    expect(await page.locator('[role="alert"]').textContent()).toContain('Ce n’est pas un fuseau horaire.');
    await screenshot(page, 'preferences-fr');
    // Back to the brand's zone.
    await page.goto(`${s.svc.base}/preferences`);
    await page.selectOption('select[name="timezone"]', '');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/preferences"] button')]);
    await page.goto(`${s.svc.base}/reports/sentiment?days=7`);
    expect(await page.locator('p.range-line').textContent()).toContain('fuseau de la marque');
  });
});
