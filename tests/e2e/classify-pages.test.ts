import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { screenshot, signIn, signOut } from './browser';
import { DEMO_PASSWORD } from './server';
import { useBrowserService } from './suite';

/** The topics admin, the one-click corrections and the accuracy report, in a real browser, in both languages. */
describe('topics, corrections and accuracy, through the pages', () => {
  const s = useBrowserService();
  let page: Page;

  beforeAll(async () => {
    await s.svc.rt.runJob('poll-listeners');
  });
  // Each test signs in on its own fresh browser context, whatever the previous one left.
  beforeEach(async () => {
    page = await s.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  });

  const lang = async (code: 'en' | 'fr') => {
    const here = new URL(page.url());
    await page.goto(`${s.svc.base}/lang/${code}?next=${encodeURIComponent(here.pathname + here.search)}`);
  };

  it('lets the admin manage topics', async () => {
    await signIn(page, s.svc.base, 'admin@lumo.demo', DEMO_PASSWORD);
    await page.goto(`${s.svc.base}/admin/topics`);
    await lang('en');
    expect(await page.locator('h1').textContent()).toBe('Topics');
    await screenshot(page, 'classify-01-topics-en');
    await page.click('a[href^="/admin/topics/new"]');
    await page.fill('#f-key', 'Bad key');
    await page.fill('#f-labelEn', 'Loyalty');
    await page.fill('#f-labelFr', 'Fidélité');
    await page.check('#f-needsSpecialist');
    await Promise.all([page.waitForNavigation(), page.click('form.admin-form button[type="submit"]')]);
    expect(await page.locator('.notice-error').textContent()).toContain(
      'give at least one example or keyword',
    );
    await screenshot(page, 'classify-02-topic-errors-en');
    await lang('fr');
    await page.goto(`${s.svc.base}/admin/topics`);
    await screenshot(page, 'classify-03-topics-fr');
    await page.click('a[href^="/admin/topics/new"]');
    await page.fill('#f-key', 'fidelite');
    await page.fill('#f-labelEn', 'Loyalty');
    await page.fill('#f-labelFr', 'Fidélité');
    await page.check('#f-needsSpecialist');
    await Promise.all([page.waitForNavigation(), page.click('form.admin-form button[type="submit"]')]);
    expect(await page.locator('.notice-error').textContent()).toContain('donnez au moins un exemple');
    await screenshot(page, 'classify-04-topic-errors-fr');
    await page.fill('#f-examples', 'mes points de fidélité ont disparu\nwhere are my loyalty points');
    await page.fill('#f-keywords', 'fidélité\nloyalty');
    await page.fill('#f-skill', 'loyalty');
    await Promise.all([page.waitForNavigation(), page.click('form.admin-form button[type="submit"]')]);
    expect(await page.locator('.notice-ok').textContent()).toContain('Le sujet est ajouté');
    await screenshot(page, 'classify-05-topic-created-fr');
    await page.click('#topic-fidelite a');
    await screenshot(page, 'classify-06-topic-edit-fr');
    await lang('en');
    await screenshot(page, 'classify-07-topic-edit-en');
    await signOut(page);
  });

  it('lets the advisor correct labels on a case', async () => {
    await signIn(page, s.svc.base, 'advisor@lumo.demo', DEMO_PASSWORD);
    await lang('en');
    const first = page.locator('a.case-text').first();
    await expect.poll(() => first.count()).toBe(1);
    await Promise.all([page.waitForNavigation(), first.click()]);
    await screenshot(page, 'classify-08-case-labels-en');
    const current = await page.locator('#correct-sentiment').inputValue();
    const other = current === 'negative' ? 'positive' : 'negative';
    await page.selectOption('#correct-sentiment', other);
    await Promise.all([
      page.waitForNavigation(),
      page.click('form:has(#correct-sentiment) button[type="submit"]'),
    ]);
    expect(await page.locator('dd[data-field="sentiment"]').textContent()).toContain('corrected by');
    await screenshot(page, 'classify-09-case-corrected-en');
    await lang('fr');
    expect(await page.locator('dd[data-field="sentiment"]').textContent()).toContain('corrigé par');
    await screenshot(page, 'classify-10-case-corrected-fr');
    await lang('en');
    await signOut(page);
  });

  it('shows marketing the accuracy report', async () => {
    await signIn(page, s.svc.base, 'marketing@lumo.demo', DEMO_PASSWORD);
    await page.goto(`${s.svc.base}/reports`);
    await lang('en');
    await Promise.all([page.waitForNavigation(), page.click('a[href="/reports/accuracy"]')]);
    expect(await page.locator('h1').textContent()).toBe('Classifier accuracy');
    expect(await page.locator('#accuracy-total').count()).toBe(1);
    await screenshot(page, 'classify-11-accuracy-en');
    await lang('fr');
    expect(await page.locator('h1').textContent()).toBe('Justesse du classifieur');
    await screenshot(page, 'classify-12-accuracy-fr');
    await lang('en');
    await signOut(page);
  });
});
