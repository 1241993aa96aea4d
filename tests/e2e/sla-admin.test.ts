import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { screenshot, signIn, signOut } from './browser';
import { DEMO_PASSWORD } from './server';
import { useBrowserService } from './suite';

/** The SLA policies admin in a real browser, in both languages, reached from the admin menu. */
describe('SLA policies, through the pages', () => {
  const s = useBrowserService();
  let page: Page;

  beforeEach(async () => {
    page = await s.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  });

  const lang = async (code: 'en' | 'fr') => {
    const here = new URL(page.url());
    await page.goto(`${s.svc.base}/lang/${code}?next=${encodeURIComponent(here.pathname + here.search)}`);
  };

  const headerHeight = async () => (await page.locator('.top-inner').boundingBox())?.height ?? 0;

  it('lets the admin add, refuse and edit a policy, in English and French', async () => {
    await signIn(page, s.svc.base, 'admin@lumo.demo', DEMO_PASSWORD);
    await lang('en');
    // The admin menu holds the settings pages; the bar stays one line high.
    expect(await headerHeight()).toBeLessThan(60);
    await page.click('.nav-menu summary');
    await screenshot(page, 'sla-01-menu-en');
    // The menu closes on Escape and on a click elsewhere, as menus do.
    await page.keyboard.press('Escape');
    expect(await page.locator('details.nav-menu').getAttribute('open')).toBeNull();
    await page.click('.nav-menu summary');
    await page.click('h1');
    expect(await page.locator('details.nav-menu').getAttribute('open')).toBeNull();
    await page.click('.nav-menu summary');
    await Promise.all([page.waitForNavigation(), page.click('.nav-menu a[href="/admin/sla"]')]);
    expect(await page.locator('h1').textContent()).toBe('Service levels (SLAs)');
    expect(await page.locator('tbody tr').count()).toBe(3);
    await screenshot(page, 'sla-02-list-en');
    await page.click('a[href^="/admin/sla/new"]');
    await page.fill('#f-minPriority', '90');
    await page.fill('#f-firstResponseMinutes', '45');
    await page.fill('#f-resolutionMinutes', '30');
    await page.fill('#f-timeZone', 'Europe/Pariss');
    await page.fill('[id="f-openingHours.1"]', '18:00-08:00');
    await Promise.all([page.waitForNavigation(), page.click('form.admin-form button[type="submit"]')]);
    const errors = await page.locator('.notice-error').textContent();
    expect(errors).toContain('is not a known time zone');
    expect(errors).toContain('Opening hours · Monday: closing time must be after opening time');
    expect(await page.inputValue('[id="f-openingHours.1"]')).toBe('18:00-08:00');
    expect(errors).toContain('cannot be shorter than the first response');
    // Nothing typed is lost.
    expect(await page.inputValue('#f-timeZone')).toBe('Europe/Pariss');
    expect(await page.inputValue('#f-minPriority')).toBe('90');
    await screenshot(page, 'sla-03-errors-en');
    await lang('fr');
    await page.goto(`${s.svc.base}/admin/sla`);
    expect(await page.locator('h1').textContent()).toBe('Niveaux de service (SLA)');
    // The admin's header, the longest, holds on one line in French as well.
    expect(await headerHeight()).toBeLessThan(60);
    await screenshot(page, 'sla-04-list-fr');
    await page.click('a[href^="/admin/sla/new"]');
    await page.fill('#f-minPriority', '90');
    await page.fill('#f-timeZone', 'Mars/Olympus');
    await page.fill('#f-closedDays', '12-25\n2026-12-32');
    await Promise.all([page.waitForNavigation(), page.click('form.admin-form button[type="submit"]')]);
    const refusal = await page.locator('.notice-error').textContent();
    expect(refusal).toContain('n’est pas un fuseau horaire connu');
    expect(refusal).toContain('écrivez chaque date comme 2026-12-25');
    expect(await page.inputValue('#f-closedDays')).toBe('12-25\n2026-12-32');
    await screenshot(page, 'sla-05-errors-fr');
    await page.fill('#f-timeZone', 'America/Montreal');
    // A lunch break on Monday and a short Saturday.
    await page.fill('[id="f-openingHours.1"]', '09:00-12:30, 13:30-18:00');
    await page.fill('[id="f-openingHours.6"]', '10:00-14:00');
    await page.fill('#f-closedDays', '12-25\n2026-12-24\n01-01');
    await page.selectOption('#f-backupUserId', { label: 'Nadia Billing · Expert' });
    await Promise.all([page.waitForNavigation(), page.click('form.admin-form button[type="submit"]')]);
    expect(await page.locator('.notice-ok').textContent()).toContain('La politique est ajoutée');
    expect(await page.locator('tbody tr').count()).toBe(4);
    expect(await page.locator('tbody tr:last-child').textContent()).toContain('Nadia Billing');
    const created = await page.locator('tbody tr:last-child').textContent();
    expect(created).toContain('lun. 09:00–12:30, 13:30–18:00 · mar.–ven. 09:00–18:00 · sam. 10:00–14:00');
    expect(created).toContain('3 jours de fermeture');
    await screenshot(page, 'sla-06-created-fr');
    await page.click('tbody tr:last-child a');
    await screenshot(page, 'sla-07-edit-fr');
    await lang('en');
    await screenshot(page, 'sla-08-edit-en');
    await signOut(page);
  });
});
