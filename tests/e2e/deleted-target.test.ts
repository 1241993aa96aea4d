import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { mentions, replies } from '../../src/db/schema';
import { TARGET_DELETED } from '../../src/services/replies/reply-reasons';
import { screenshot, signIn } from './browser';
import { DEMO_PASSWORD } from './server';
import { useBrowserService } from './suite';

/** A reply not sent because the customer deleted their post: the case says why, in both languages. */
describe('a reply to a deleted post, on the case page', () => {
  const s = useBrowserService();
  let page: Page;

  beforeAll(async () => {
    page = await s.browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' });
  });

  it('shows the deletion on the post and the reason on the reply', async () => {
    await s.svc.rt.runJob('poll-listeners');
    const [target] = await s.svc.rt.deps.db.select().from(mentions).limit(1);
    expect(target?.caseId).toBeTruthy();
    await s.svc.rt.deps.db
      .update(mentions)
      .set({ text: '', url: null, raw: {}, deletedAt: new Date() })
      .where(eq(mentions.id, target!.id));
    await s.svc.rt.deps.db.insert(replies).values({
      id: 'rep_e2e_deleted',
      caseId: target!.caseId!,
      inReplyToMentionId: target!.id,
      network: target!.network,
      body: 'Hello! Could you send us your order number?',
      status: 'failed',
      attempts: 1,
      idempotencyKey: 'passerelle-rep_e2e_deleted',
      lastError: TARGET_DELETED,
    });

    await signIn(page, s.svc.base, 'advisor@lumo.demo', DEMO_PASSWORD);
    const url = `/cases/${target!.caseId}`;
    await page.goto(`${s.svc.base}/lang/en?next=${encodeURIComponent(url)}`);
    await page.locator('#out-h').scrollIntoViewIfNeeded();
    expect(await page.locator('text=Not sent: the customer deleted this post').count()).toBe(1);
    expect(await page.locator('text=Deleted by its author on the network').count()).toBeGreaterThan(0);
    // The composer says before anyone writes that there is nothing left to answer.
    expect(await page.locator('text=there is nothing left to answer').count()).toBeGreaterThan(0);
    await screenshot(page, 'deleted-target-en');

    await page.goto(`${s.svc.base}/lang/fr?next=${encodeURIComponent(url)}`);
    await page.locator('#out-h').scrollIntoViewIfNeeded();
    expect(await page.locator('text=Non envoyée : le client a supprimé cette publication').count()).toBe(1);
    expect(await page.locator('text=il n’y a plus rien à quoi répondre').count()).toBeGreaterThan(0);
    await screenshot(page, 'deleted-target-fr');
  });
});
