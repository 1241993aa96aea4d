import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../../src/services/context';
import { composeDemoPost } from '../../src/services/demo/compose-demo-post';
import { screenshot, signIn, signOut } from './browser';
import { DEMO_PASSWORD } from './server';
import { useBrowserService } from './suite';

/**
 * The whole path through the pages, as the people who use them: the advisor triages and
 * escalates, the expert answers, the advisor approves, and the customer sees the answer
 * in their thread on the demo network.
 */
describe('a specialist question, through the pages', () => {
  const s = useBrowserService();
  let page: Page;
  const question =
    "@lumo bonjour, client A-7731 : j'ai été prélevé deux fois pour Lumo+ en novembre, c'est normal ?";

  beforeAll(async () => {
    page = await s.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  });

  it('goes from the public post to the public answer', async () => {
    const post = await composeDemoPost(asSystem(s.svc.rt.deps), { handle: 'hugo_petit', text: question });
    await s.svc.rt.runJob('poll-listeners');

    // The advisor finds it in the inbox, classified, and opens it.
    await signIn(page, s.svc.base, 'advisor@lumo.demo', DEMO_PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/inbox');
    const row = page.locator('a.case-text', { hasText: 'A-7731' });
    await expect.poll(() => row.count()).toBe(1);
    await screenshot(page, '01-advisor-inbox');
    await Promise.all([page.waitForNavigation(), row.click()]);
    const caseUrl = page.url();
    await expect.poll(() => page.locator('main').textContent()).toContain('A-7731');

    // Claim, then escalate to billing.
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/claim"] button[type="submit"]')]);
    await page.click('details:has(form[action$="/escalate"]) > summary');
    await page.selectOption('#esc-skill', 'billing');
    await page.fill(
      'form[action$="/escalate"] textarea[name="note"]',
      'Double charge in November, can you check?',
    );
    await Promise.all([
      page.waitForNavigation(),
      page.click('form[action$="/escalate"] button[type="submit"]'),
    ]);
    expect(await page.locator('main').textContent()).toMatch(/Nadia Billing/);
    await screenshot(page, '02-case-escalated');
    await signOut(page);

    // The billing expert answers from their queue.
    await signIn(page, s.svc.base, 'billing@lumo.demo', DEMO_PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/expert');
    const q = page.locator('a', { hasText: 'A-7731' }).first();
    await expect.poll(() => q.count()).toBeGreaterThan(0);
    await screenshot(page, '03-expert-queue');
    await Promise.all([page.waitForNavigation(), q.click()]);
    await page.fill(
      'form[action$="/answer"] textarea[name="body"]',
      'Bonjour Hugo, le second prélèvement est une erreur : il est annulé, remboursement sous 5 jours.',
    );
    await screenshot(page, '04-expert-answer');
    await Promise.all([
      page.waitForNavigation(),
      page.click('form[action$="/answer"] button[type="submit"]'),
    ]);
    await signOut(page);

    // The advisor reviews the draft, edits it and approves it.
    await signIn(page, s.svc.base, 'advisor@lumo.demo', DEMO_PASSWORD);
    await page.goto(caseUrl);
    const draft = page.locator('form[action$="/approve"] textarea[name="body"]');
    expect(await draft.inputValue()).toContain('le second prélèvement est une erreur');
    await draft.fill(
      'Bonjour Hugo, le second prélèvement était une erreur : il est annulé, remboursé sous 5 jours. Désolés !',
    );
    await screenshot(page, '05-approval');
    await Promise.all([
      page.waitForNavigation(),
      page.click('form[action$="/approve"] button[type="submit"]'),
    ]);
    await s.svc.rt.runJob('send-replies');
    await page.goto(caseUrl);
    await screenshot(page, '06-case-answered');
    const body = await page.locator('main').textContent();
    expect(body).toMatch(/Answered/);
    expect(body).toMatch(/était une erreur/);

    // The customer sees the brand's answer under their post on the public network.
    await page.goto(`${s.svc.base}/demo-network#post-${post.id}`);
    const thread = page
      .locator(`#post-${post.id}`)
      .locator('xpath=ancestor-or-self::*[contains(@class, "thread")][1]');
    await expect.poll(() => thread.textContent()).toContain('était une erreur');
    await screenshot(page, '07-demo-network-thread');
    await page.goto(`${s.svc.base}/inbox`);
    await signOut(page);

    // Marketing reads the report.
    await signIn(page, s.svc.base, 'marketing@lumo.demo', DEMO_PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/reports');
    expect(await page.locator('svg').count()).toBeGreaterThan(0);
    await screenshot(page, '08-marketing-report');
  });
});
