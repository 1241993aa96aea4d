import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { type RunningService, startService } from './server';

/** A browser suite's service and Chromium, read inside the tests once `beforeAll` has run. */
export interface BrowserSuite {
  svc: RunningService;
  browser: Browser;
}

/**
 * Starts the service and the browser before the suite and closes both after it. Hooks a suite adds
 * after this call run after the start (vitest runs `beforeAll` hooks in order).
 */
export function useBrowserService(): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.svc = await startService();
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.svc?.stop();
  });
  return suite;
}
