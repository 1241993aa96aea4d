import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RejectedItem } from '../../connectors/types';
import { listeners } from '../../src/db/schema';
import { asSystem } from '../../src/services/context';
import { quarantine } from '../../src/services/listening/quarantine';
import { screenshot, signIn } from './browser';
import { DEMO_PASSWORD } from './server';
import { useBrowserService } from './suite';

/** The admin finds what a network sent that could not be read, and puts it away. */
describe('quarantined items on the connections page', () => {
  const s = useBrowserService();
  let page: Page;

  beforeAll(async () => {
    page = await s.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  });

  it('shows them and dismisses one', async () => {
    const { db } = s.svc.rt.deps;
    const [l] = await db.select().from(listeners);
    const items: RejectedItem[] = [
      {
        externalId: 'p-991',
        reason: 'createdAt: Invalid ISO datetime',
        raw: { id: 'p-991', createdAt: 'soon' },
      },
      { externalId: null, reason: 'author.id: expected string, received number', raw: { author: { id: 7 } } },
    ];
    await quarantine(
      db,
      asSystem(s.svc.rt.deps),
      { brandId: l!.brandId, listenerId: l!.id, network: l!.network },
      items,
    );

    await signIn(page, s.svc.base, 'admin@lumo.demo', DEMO_PASSWORD);
    await page.goto(`${s.svc.base}/admin/connections#dead-letters`);
    const rows = page.locator('#dead-letters tbody tr');
    expect(await rows.count()).toBe(2);
    await page.locator('#dead-letters').scrollIntoViewIfNeeded();
    await screenshot(page, 'ingest-01-dead-letters');
    await Promise.all([page.waitForNavigation(), rows.first().locator('button').click()]);
    expect(await page.locator('#dead-letters tbody tr').count()).toBe(1);
    await page.locator('#dead-letters').scrollIntoViewIfNeeded();
    await screenshot(page, 'ingest-02-dismissed');
  });
});
