import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { brands, reportSpikes } from '../../src/db/schema';
import { screenshot, signIn } from './browser';
import { DEMO_PASSWORD } from './server';
import { useBrowserService } from './suite';

/** Marketing sets when an hour is worth an alert, in both languages, and a wrong value comes back. */
describe('spike alert thresholds, through the page', () => {
  const s = useBrowserService();
  let page: Page;

  beforeAll(async () => {
    page = await s.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  });

  const lang = async (code: 'en' | 'fr') => {
    const here = new URL(page.url());
    await page.goto(`${s.svc.base}/lang/${code}?next=${encodeURIComponent(here.pathname + here.search)}`);
  };

  it('shows, refuses and saves the thresholds', async () => {
    const [brand] = await s.svc.rt.deps.db.select({ id: brands.id }).from(brands);
    const form = `#brand-${brand!.id} form`;
    // Two spikes found earlier, the second one still going on an hour later.
    const spike = { brandId: brand!.id, negativeShare: 0.6, baselineMentions: 9, baselineNegativeShare: 0.1 };
    await s.svc.rt.deps.db.insert(reportSpikes).values([
      {
        ...spike,
        id: 'spk_e2e_1',
        topic: 'billing',
        kind: 'negative',
        hour: new Date('2026-11-18T14:00:00Z'),
        mentions: 31,
        notified: 1,
      },
      {
        ...spike,
        id: 'spk_e2e_2',
        topic: 'billing',
        kind: 'negative',
        hour: new Date('2026-11-18T15:00:00Z'),
        mentions: 27,
      },
    ]);
    await signIn(page, s.svc.base, 'marketing@lumo.demo', DEMO_PASSWORD);
    await page.goto(`${s.svc.base}/admin/spike-alerts`);
    await lang('en');
    expect(await page.locator('h1').textContent()).toBe('Spike alerts');
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Alerts');
    expect(await page.locator(`#brand-${brand!.id} [data-recent-spikes="2"]`).count()).toBe(1);
    await screenshot(page, 'spikes-01-settings-en');

    await page.fill(`#f-${brand!.id}-ratio`, '0.5');
    await page.fill(`#f-${brand!.id}-negativeRise`, '');
    await Promise.all([page.waitForNavigation(), page.click(`${form} button[type="submit"]`)]);
    expect(await page.locator('.notice-error').textContent()).toContain('enter a number between 1.2 and 50.');
    expect(await page.locator(`#f-${brand!.id}-ratio`).getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'spikes-02-refused-en');

    // The switch on a refused form goes back to the page, not to the form's address.
    await Promise.all([page.waitForNavigation(), page.click('nav.lang a[hreflang="fr"]')]);
    expect(await page.locator('h1').textContent()).toBe('Alertes de pic');
    await page.fill(`#f-${brand!.id}-ratio`, '2,5');
    await page.fill(`#f-${brand!.id}-negativeRise`, '15');
    await page.uncheck(`#f-${brand!.id}-alerts`);
    await Promise.all([page.waitForNavigation(), page.click(`${form} button[type="submit"]`)]);
    expect(await page.locator('.notice-ok').textContent()).toContain('Seuils enregistrés pour');
    expect(await page.locator(`#f-${brand!.id}-ratio`).inputValue()).toBe('2,5');
    expect(await page.locator(`#f-${brand!.id}-negativeRise`).inputValue()).toBe('15');
    expect(await page.locator(`#f-${brand!.id}-alerts`).isChecked()).toBe(false);
    await screenshot(page, 'spikes-03-saved-fr');
    await Promise.all([page.waitForNavigation(), page.click('nav.lang a[hreflang="en"]')]);
    expect(await page.locator(`#f-${brand!.id}-ratio`).inputValue()).toBe('2.5');
    await screenshot(page, 'spikes-04-saved-en');
  });
});
