import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addChannel } from '../../src/services/admin/add-channel';
import type { Ctx } from '../../src/services/context';
import { asSystem } from '../../src/services/context';
import { composeDemoPost } from '../../src/services/demo/compose-demo-post';
import { updateGuidelines } from '../../src/services/escalation/guidelines';
import { startReceiver } from '../notify/fake-receivers';
import { screenshot, signIn, signOut } from './browser';
import { DEMO_PASSWORD } from './server';
import { useBrowserService } from './suite';

/**
 * The expert bridge through the pages: an expert answers from the link in their Slack message
 * without signing in, the advisor checks the draft against the brand's guidelines and approves an
 * edit, the answer is posted in the customer's thread, and a later similar question is answered
 * from the knowledge base without an expert.
 */
describe('the expert bridge, through the pages', () => {
  const s = useBrowserService();
  let page: Page;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    page = await s.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  });
  afterAll(async () => {
    await receiver?.close();
  });

  const both = async (p: Page, path: string, name: string) => {
    await p.goto(`${s.svc.base}/lang/en?next=${encodeURIComponent(path)}`);
    await screenshot(p, `${name}-en`);
    await p.goto(`${s.svc.base}/lang/fr?next=${encodeURIComponent(path)}`);
    await screenshot(p, `${name}-fr`);
    await p.goto(`${s.svc.base}/lang/en?next=${encodeURIComponent(path)}`);
  };

  it('routes, answers by link, approves an edit, posts, and reuses the answer', async () => {
    const deps = s.svc.rt.deps;
    const admin = await deps.db.query.users.findFirst({ where: (u, { eq }) => eq(u.role, 'admin') });
    const adminCtx: Ctx = { ...deps, actor: { id: admin!.id, name: admin!.name, role: 'admin' } };
    await addChannel(adminCtx, {
      name: 'Experts Slack',
      kind: 'slack',
      target: receiver.url('/slack'),
      audiences: ['experts'],
    });
    const brand = await deps.db.query.brands.findFirst();
    await updateGuidelines(adminCtx, {
      brandId: brand!.id,
      toneNotes: 'Warm and short. Tutoiement interdit. Never promise anything for free.',
      forbiddenWords: ['gratuit', 'free'],
      maxLength: 280,
    });

    // A customer asks a billing question in public; the advisor escalates it.
    const first = await composeDemoPost(asSystem(deps), {
      handle: 'ines_m',
      text: "@lumo bonjour, j'ai été prélevée deux fois pour mon abonnement Lumo+ ce mois-ci, vous pouvez me rembourser ?",
    });
    await s.svc.rt.runJob('poll-listeners');
    await signIn(page, s.svc.base, 'advisor@lumo.demo', DEMO_PASSWORD);
    const row = page.locator('a.case-text', { hasText: 'prélevée deux fois' });
    await expect.poll(() => row.count()).toBe(1);
    await Promise.all([page.waitForNavigation(), row.click()]);
    const caseUrl = page.url();
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/claim"] button[type="submit"]')]);
    await page.click('details:has(form[action$="/escalate"]) > summary');
    await page.selectOption('#esc-skill', 'billing');
    await page.fill('form[action$="/escalate"] textarea[name="note"]', 'Prélèvement en double ?');
    await Promise.all([
      page.waitForNavigation(),
      page.click('form[action$="/escalate"] button[type="submit"]'),
    ]);
    expect(await page.locator('main').textContent()).toContain(
      'routed to Nadia Billing: skill Billing, speaks French',
    );
    await both(page, new URL(caseUrl).pathname, 'bridge-01-case-routed');
    await signOut(page);

    // The expert gets a Slack message with a signed link, and answers without signing in.
    await s.svc.rt.runJob('send-notifications');
    const slack = receiver.received
      .filter((r) => r.path === '/slack')
      .map((r) => JSON.parse(r.body).text as string);
    const link = slack
      .map((s) => /(http:\/\/\S+\/answer\/\S+)/.exec(s)?.[1])
      .find((l): l is string => Boolean(l));
    expect(link).toBeTruthy();
    const expert = await s.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    await expert.goto(link!);
    expect(await expert.locator('main').textContent()).toContain('prélevée deux fois');
    expect(await expert.locator('form[action="/logout"]').count()).toBe(0);
    const linkPath = new URL(link!).pathname + new URL(link!).search;
    await both(expert, linkPath, 'bridge-02-expert-link');
    await expert.fill('#ask-body', 'Sur quelle carte ?');
    await Promise.all([
      expert.waitForNavigation(),
      expert.click('form[action$="/ask"] button[type="submit"]'),
    ]);
    await expert.fill(
      '#answer-body',
      'Bonjour Inès, le second prélèvement est une erreur : il est annulé et vous aurez un mois gratuit.',
    );
    await Promise.all([
      expert.waitForNavigation(),
      expert.click('form[action$="/submit"] button[type="submit"]'),
    ]);
    expect(await expert.locator('main').textContent()).toContain('Thank you! Your answer went to an advisor');
    await screenshot(expert, 'bridge-03-expert-submitted-en');
    await expert.goto(`${s.svc.base}${new URL(link!).pathname}?token=tampered`);
    expect(await expert.locator('main').textContent()).toContain('This link is not valid.');
    await screenshot(expert, 'bridge-04-link-refused-en');
    await expert.close();

    // The advisor sees the guidelines violation, edits the draft and approves it.
    await signIn(page, s.svc.base, 'advisor@lumo.demo', DEMO_PASSWORD);
    await page.goto(caseUrl);
    const main = await page.locator('main').textContent();
    expect(main).toContain('Sur quelle carte ?');
    expect(main).toContain('Uses “gratuit”, which the guidelines forbid');
    await both(page, new URL(caseUrl).pathname, 'bridge-05-review-guidelines');
    await page.fill(
      'form[action$="/approve"] textarea[name="body"]',
      'Bonjour Inès, le second prélèvement était une erreur : il est annulé, remboursé sous 5 jours. Désolés !',
    );
    await Promise.all([
      page.waitForNavigation(),
      page.click('form[action$="/approve"] button[type="submit"]'),
    ]);
    await s.svc.rt.runJob('send-replies');

    // The customer sees the brand's answer, unsigned, in their thread.
    await page.goto(`${s.svc.base}/demo-network#post-${first.id}`);
    const thread = page
      .locator(`#post-${first.id}`)
      .locator('xpath=ancestor-or-self::*[contains(@class, "thread")][1]');
    await expect.poll(() => thread.textContent()).toContain('remboursé sous 5 jours');
    expect(await thread.textContent()).not.toContain('Nadia');
    await screenshot(page, 'bridge-06-demo-network-reply');

    // A later, similar question: answered from the knowledge base, no escalation.
    await composeDemoPost(asSystem(deps), {
      handle: 'paul_r',
      text: '@lumo bonjour, mon abonnement Lumo+ a été prélevé deux fois, remboursement possible ?',
    });
    await s.svc.rt.runJob('poll-listeners');
    await page.goto(`${s.svc.base}/inbox`);
    const later = page.locator('a.case-text', { hasText: 'prélevé deux fois' });
    await expect.poll(() => later.count()).toBe(1);
    await Promise.all([page.waitForNavigation(), later.click()]);
    const laterUrl = page.url();
    expect(await page.locator('main').textContent()).toContain('Reusable answers');
    await both(page, new URL(laterUrl).pathname, 'bridge-07-knowledge-suggestion');
    await page.fill(
      '#kb-use-0',
      'Bonjour Paul, un double prélèvement est une erreur de notre côté : il est annulé, remboursé sous 5 jours.',
    );
    await Promise.all([
      page.waitForNavigation(),
      page.click('form[action$="/knowledge-reply"] button[type="submit"]'),
    ]);
    await s.svc.rt.runJob('send-replies');
    await page.goto(laterUrl);
    expect(await page.locator('main').textContent()).toContain('answered from the knowledge base');
    await screenshot(page, 'bridge-08-answered-from-knowledge-en');
    await signOut(page);

    // The other pages, in both languages.
    await signIn(page, s.svc.base, 'admin@lumo.demo', DEMO_PASSWORD);
    await both(page, '/admin/experts', 'bridge-09-directory');
    await page.click('details > summary');
    await screenshot(page, 'bridge-09-directory-edit-en');
    await both(page, '/admin/guidelines', 'bridge-10-guidelines');
    await both(page, '/thanks', 'bridge-11-thanks');
    await signOut(page);
    await signIn(page, s.svc.base, 'marketing@lumo.demo', DEMO_PASSWORD);
    await both(page, '/knowledge', 'bridge-12-knowledge');
    const edit = page.locator('a', { hasText: 'Edit' }).first();
    await Promise.all([page.waitForNavigation(), edit.click()]);
    await both(page, new URL(page.url()).pathname, 'bridge-13-knowledge-edit');
    await signOut(page);
    await signIn(page, s.svc.base, 'billing@lumo.demo', DEMO_PASSWORD);
    await both(page, '/me/availability', 'bridge-14-my-availability');
    await both(page, '/expert', 'bridge-15-expert-queue');
  });
});
