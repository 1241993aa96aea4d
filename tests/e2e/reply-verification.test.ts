import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { mentions, replies } from '../../src/db/schema';
import { screenshot, signIn } from './browser';
import { DEMO_PASSWORD } from './server';
import { useBrowserService } from './suite';

/** An advisor meets a reply whose outcome is unknown on its case, and settles it from the page. */
describe('a reply that needs verification, through the pages', () => {
  const s = useBrowserService();
  let page: Page;

  beforeAll(async () => {
    page = await s.browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' });
  });

  it('shows the question and sends the reply again on request', async () => {
    await s.svc.rt.runJob('poll-listeners');
    const [target] = await s.svc.rt.deps.db.select().from(mentions).limit(1);
    expect(target?.caseId).toBeTruthy();
    await s.svc.rt.deps.db.insert(replies).values({
      id: 'rep_e2e_verify',
      caseId: target!.caseId!,
      inReplyToMentionId: target!.id,
      network: target!.network,
      body: 'Hello! The fix is rolling out tonight, your hub will update by itself.',
      status: 'needs_verification',
      attempts: 2,
      outcomeUnknown: true,
      idempotencyKey: 'passerelle-rep_e2e_verify',
      lastError: 'An earlier attempt may have been posted and looking for it failed: search unavailable',
    });

    await signIn(page, s.svc.base, 'advisor@lumo.demo', DEMO_PASSWORD);
    await page.goto(`${s.svc.base}/cases/${target!.caseId}`);
    await page.locator('text=Was this reply posted?').scrollIntoViewIfNeeded();
    await screenshot(page, 'reply-verification-en');
    await Promise.all([
      page.waitForNavigation(),
      page.locator('button', { hasText: 'send it again' }).click(),
    ]);
    expect(await page.locator('text=Was this reply posted?').count()).toBe(0);
    await page.locator('#out-h').scrollIntoViewIfNeeded();
    await screenshot(page, 'reply-verification-after');
  });
});
