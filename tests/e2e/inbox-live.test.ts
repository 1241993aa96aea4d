import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { mentions, users } from '../../src/db/schema';
import { asSystem, type Ctx } from '../../src/services/context';
import { composeDemoPost } from '../../src/services/demo/compose-demo-post';
import { pollDueListeners } from '../../src/services/listening/poll-due-listeners';
import { createUser } from '../../src/services/users/create-user';
import { screenshot, signIn } from './browser';
import { DEMO_PASSWORD } from './server';
import { useBrowserService } from './suite';

/** Two advisors on the inbox: what one does, and what arrives, shows on the other's page by itself. */
describe('the inbox updates live, in a browser', () => {
  const s = useBrowserService();

  beforeAll(async () => {
    const [admin] = await s.svc.rt.deps.db.select().from(users).where(eq(users.email, 'admin@lumo.demo'));
    await createUser(
      { ...s.svc.rt.deps, actor: { id: admin!.id, name: admin!.name, role: 'admin' as const } } as Ctx,
      { email: 'second@lumo.demo', name: 'Basile Second', role: 'advisor', password: DEMO_PASSWORD },
    );
  });

  /** A customer posts on the demo network and the listener picks it up: a new case. */
  async function customerCase(handle: string, text: string): Promise<string> {
    const post = await composeDemoPost(asSystem(s.svc.rt.deps), { handle, text });
    await pollDueListeners(asSystem(s.svc.rt.deps), { force: true });
    const [m] = await s.svc.rt.deps.db.select().from(mentions).where(eq(mentions.externalId, post.id));
    if (!m?.caseId) throw new Error('no case');
    return m.caseId;
  }

  /** Signed in, on the inbox, with the event stream connected; marked so a reload would show. */
  async function onInbox(email: string, lang: 'en' | 'fr'): Promise<Page> {
    const page = await s.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
    await signIn(page, s.svc.base, email, DEMO_PASSWORD);
    await page.goto(`${s.svc.base}/lang/${lang}?next=${encodeURIComponent('/inbox')}`);
    await arm(page);
    return page;
  }
  async function arm(page: Page) {
    await page.waitForSelector('[data-inbox][data-live="on"]');
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
  }
  const notReloaded = (page: Page) =>
    page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);
  const rowText = (page: Page, caseId: string) =>
    page
      .locator(`tr[data-case="${caseId}"]`)
      .count()
      .then((n) => (n === 0 ? '' : page.locator(`tr[data-case="${caseId}"]`).textContent()))
      .then((s) => s ?? '');
  const live = { timeout: 20_000, interval: 200 };

  it('shows a claim made by the other advisor and a new mention, without a reload', async () => {
    const caseId = await customerCase(
      'live_lea',
      '@lumo my Lumo hub blinks orange since this morning, help?',
    );
    const camille = await onInbox('advisor@lumo.demo', 'en');
    const basile = await onInbox('second@lumo.demo', 'fr');
    expect(await rowText(basile, caseId)).toContain('Personne');
    await screenshot(basile, 'inbox-live-01-before-fr');

    // Camille claims from her inbox; Basile's row names her, and the claim button is gone.
    await Promise.all([
      camille.waitForNavigation(),
      camille.click(`tr[data-case="${caseId}"] form.claim button`),
    ]);
    await expect.poll(() => rowText(basile, caseId), live).toContain('Camille Advisor');
    expect(await basile.locator(`tr[data-case="${caseId}"] form.claim`).count()).toBe(0);
    expect(await basile.locator('#live').textContent()).not.toBe('');
    expect(await notReloaded(basile)).toBe(true);
    await screenshot(basile, 'inbox-live-02-claimed-fr');

    // A new customer post arrives through the demo network: both inboxes list it.
    await camille.goto(`${s.svc.base}/inbox`);
    await arm(camille);
    const fresh = await customerCase('live_noor', '@lumo is there a Lumo bulb for E14 sockets?');
    await expect.poll(() => rowText(camille, fresh), live).toContain('live_noor');
    await expect.poll(() => rowText(basile, fresh), live).toContain('live_noor');
    expect(await notReloaded(camille)).toBe(true);
    expect(await notReloaded(basile)).toBe(true);
    await screenshot(camille, 'inbox-live-03-new-mention-en');
    await camille.close();
    await basile.close();
  });
});
