import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cases, mentions, replies, users } from '../../src/db/schema';
import { asSystem, type Ctx } from '../../src/services/context';
import { composeDemoPost } from '../../src/services/demo/compose-demo-post';
import { pollDueListeners } from '../../src/services/listening/poll-due-listeners';
import { createUser } from '../../src/services/users/create-user';
import { screenshot, signIn } from './browser';
import { DEMO_PASSWORD } from './server';
import { useBrowserService } from './suite';

/** The advisor's daily loop in a real browser: triage, collisions, escalation with a holding reply. */
describe('the advisor inbox, in a browser', () => {
  const s = useBrowserService();

  beforeAll(async () => {
    const [admin] = await s.svc.rt.deps.db.select().from(users).where(eq(users.email, 'admin@lumo.demo'));
    await createUser(
      { ...s.svc.rt.deps, actor: { id: admin!.id, name: admin!.name, role: 'admin' as const } } as Ctx,
      { email: 'second@lumo.demo', name: 'Basile Second', role: 'advisor', password: DEMO_PASSWORD },
    );
  });

  async function customerCase(handle: string, text: string): Promise<string> {
    const post = await composeDemoPost(asSystem(s.svc.rt.deps), { handle, text });
    await pollDueListeners(asSystem(s.svc.rt.deps), { force: true });
    const [m] = await s.svc.rt.deps.db.select().from(mentions).where(eq(mentions.externalId, post.id));
    if (!m?.caseId) throw new Error('no case');
    return m.caseId;
  }

  async function newPage(): Promise<Page> {
    return s.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
  }

  async function french(page: Page, path: string) {
    await page.goto(`${s.svc.base}/lang/fr?next=${encodeURIComponent(path)}`);
  }

  it('triages with filters and the keyboard', async () => {
    const angry = await customerCase(
      'furious_fred',
      '@lumo worst lamp ever, it broke after two days and nobody answers me!',
    );
    await customerCase('glad_gina', '@lumo I love my new Lumo lamp, thank you, great work!');
    const page = await newPage();
    await signIn(page, s.svc.base, 'advisor@lumo.demo', DEMO_PASSWORD);
    await page.goto(`${s.svc.base}/inbox`);
    await page.selectOption('#f-sentiment', 'negative');
    await Promise.all([page.waitForNavigation(), page.click('form.filters button[type="submit"]')]);
    expect(page.url()).toContain('sentiment=negative');
    await expect.poll(() => page.locator('main').textContent()).toContain('furious_fred');
    expect(await page.locator('main').textContent()).not.toContain('glad_gina');
    // Save the filters as a view: it appears with its count.
    await page.fill('#view-name', 'Unhappy');
    await Promise.all([page.waitForNavigation(), page.click('form.save-view button')]);
    expect(await page.locator('#views').textContent()).toMatch(/Unhappy\s*\d+/);
    await screenshot(page, 'inbox-01-filtered-en');

    // Keyboard: ? shows the help, j selects the first row, c claims it.
    await page.keyboard.press('?');
    expect(await page.locator('#shortcuts').isVisible()).toBe(true);
    await screenshot(page, 'inbox-02-shortcuts-en');
    await page.keyboard.press('Escape');
    expect(await page.locator('#shortcuts').isVisible()).toBe(false);
    await page.locator('h1').click();
    const target = page.locator(`tr[data-case="${angry}"]`);
    const index = await page
      .locator('tr[data-case]')
      .evaluateAll((rows, id) => rows.findIndex((r) => r.getAttribute('data-case') === id), angry);
    for (let i = 0; i <= index; i++) await page.keyboard.press('j');
    expect(await target.getAttribute('class')).toContain('selected');
    await page.locator('h1').click();
    await Promise.all([page.waitForNavigation(), page.keyboard.press('c')]);
    const [row] = await s.svc.rt.deps.db.select().from(cases).where(eq(cases.id, angry));
    expect(row!.assigneeId).not.toBeNull();

    await french(page, '/inbox?sentiment=negative');
    expect(await page.locator('h1').textContent()).toBe('Boîte de réception');
    await screenshot(page, 'inbox-03-filtered-fr');
    await page.keyboard.press('?');
    await screenshot(page, 'inbox-04-shortcuts-fr');
    await page.close();
  });

  it('warns the second advisor on the same case and refuses a double reply', async () => {
    const caseId = await customerCase('dimmer_dora', '@lumo does the Lumo lamp work with a dimmer switch?');
    const one = await newPage();
    const two = await newPage();
    await signIn(one, s.svc.base, 'advisor@lumo.demo', DEMO_PASSWORD);
    await signIn(two, s.svc.base, 'second@lumo.demo', DEMO_PASSWORD);
    await one.goto(`${s.svc.base}/cases/${caseId}`);
    await french(two, `/cases/${caseId}`);
    expect(await two.locator('.viewers').textContent()).toContain('Camille Advisor');
    await screenshot(two, 'inbox-05-presence-fr');
    await one.reload();
    expect(await one.locator('.viewers').textContent()).toContain('Basile Second');
    await screenshot(one, 'inbox-06-presence-en');

    // Both write; the first sends.
    await one.fill('#reply-body', 'Hi @dimmer_dora, yes: any trailing-edge dimmer works.');
    await two.fill('#reply-body', 'Bonjour @dimmer_dora, oui, avec un variateur compatible.');
    await Promise.all([one.waitForNavigation(), one.click('form[action$="/reply"] button.btn-primary')]);
    // Let the case go back to nobody so only the staleness check stands in the way.
    await s.svc.rt.deps.db.update(cases).set({ assigneeId: null }).where(eq(cases.id, caseId));
    await Promise.all([two.waitForNavigation(), two.click('form[action$="/reply"] button.btn-primary')]);
    expect(await two.locator('.notice-error').textContent()).toContain('Quelqu’un a répondu');
    await screenshot(two, 'inbox-07-double-reply-refused-fr');
    const rows = await s.svc.rt.deps.db.select().from(replies).where(eq(replies.caseId, caseId));
    expect(rows.map((r) => r.body)).toEqual(['Hi @dimmer_dora, yes: any trailing-edge dimmer works.']);
    await one.close();
    await two.close();
  });

  it('escalates with a holding reply that reaches the customer', async () => {
    const caseId = await customerCase(
      'billed_bea',
      "@lumo bonjour, j'ai été prélevée deux fois pour Lumo+ ce mois-ci, vous pouvez vérifier ?",
    );
    const page = await newPage();
    await signIn(page, s.svc.base, 'advisor@lumo.demo', DEMO_PASSWORD);
    await french(page, `/cases/${caseId}`);
    await page.click('#escalate > summary');
    const holding = await page.inputValue('#holding-body');
    expect(holding).toMatch(/^Bonjour @?billed_bea, .*d’ici/);
    await page.check('input[name="send_holding"]');
    await screenshot(page, 'inbox-08-escalate-holding-fr');
    await Promise.all([
      page.waitForNavigation(),
      page.click('form[action$="/escalate"] button[type="submit"]'),
    ]);
    await s.svc.rt.runJob('send-replies');
    const [r] = await s.svc.rt.deps.db.select().from(replies).where(eq(replies.caseId, caseId));
    expect(r?.kind).toBe('holding');
    expect(r?.status).toBe('sent');
    const [c] = await s.svc.rt.deps.db.select().from(cases).where(eq(cases.id, caseId));
    expect(c!.status).toBe('waiting_expert');
    await page.reload();
    await screenshot(page, 'inbox-09-escalated-fr');
    await page.goto(`${s.svc.base}/lang/en?next=${encodeURIComponent(`/cases/${caseId}`)}`);
    await screenshot(page, 'inbox-10-escalated-en');
    await page.close();
  });
});
