import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expertAnswers, mentions, replies } from '../../src/db/schema';
import { asSystem, type Ctx } from '../../src/services/context';
import { composeDemoPost } from '../../src/services/demo/compose-demo-post';
import { signAnswerToken } from '../../src/services/escalation/answer-links';
import { escalateCase } from '../../src/services/escalation/escalate-case';
import { rerouteEscalation } from '../../src/services/escalation/reroute-escalation';
import { pollDueListeners } from '../../src/services/listening/poll-due-listeners';
import { screenshot, signIn, signOut } from './browser';
import { DEMO_PASSWORD } from './server';
import { useBrowserService } from './suite';

/**
 * A team question answered by someone who names themselves on the link page, then reviewed by an
 * expert the admin designated as the brand's approver: through the pages, in both languages.
 */
describe('designated approvers and named team answers, through the pages', () => {
  const s = useBrowserService();
  let page: Page;

  beforeAll(async () => {
    page = await s.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  });

  const both = async (p: Page, path: string, name: string) => {
    await p.goto(`${s.svc.base}/lang/fr?next=${encodeURIComponent(path)}`);
    await screenshot(p, `${name}-fr`);
    await p.goto(`${s.svc.base}/lang/en?next=${encodeURIComponent(path)}`);
    await screenshot(p, `${name}-en`);
  };
  const as = async (email: string): Promise<Ctx> => {
    const u = await s.svc.rt.deps.db.query.users.findFirst({ where: (x, { eq }) => eq(x.email, email) });
    return { ...s.svc.rt.deps, actor: { id: u!.id, name: u!.name, role: u!.role } };
  };

  it('designates Tom, takes a named team answer by link, and lets Tom approve it', async () => {
    const deps = s.svc.rt.deps;
    const tom = await as('tech@lumo.demo');

    // The admin ticks Tom as an approver of Lumo on the guidelines page.
    await signIn(page, s.svc.base, 'admin@lumo.demo', DEMO_PASSWORD);
    await page.goto(`${s.svc.base}/admin/guidelines`);
    await page.check(`form[action$="/approvers"] input[value="${tom.actor!.id}"]`);
    await Promise.all([
      page.waitForNavigation(),
      page.click('form[action$="/approvers"] button[type="submit"]'),
    ]);
    expect(await page.locator('main').textContent()).toContain('The designated approvers are saved.');
    await both(page, '/admin/guidelines', 'review-01-guidelines-approvers');
    await signOut(page);

    // A billing question goes to the billing team's queue.
    const post = await composeDemoPost(asSystem(deps), {
      handle: 'team_tess',
      text: '@lumo I cancelled Lumo+ but was still charged this month, can you refund?',
    });
    await pollDueListeners(asSystem(deps), { force: true });
    const [m] = await deps.db.select().from(mentions).where(eq(mentions.externalId, post.id));
    const advisor = await as('advisor@lumo.demo');
    const esc = await escalateCase(advisor, { caseId: m!.caseId!, skill: 'billing' });
    await rerouteEscalation(advisor, { escalationId: esc.id, skill: 'billing' });
    const link = `/answer/${esc.id}?token=${encodeURIComponent(await signAnswerToken(deps, esc.id))}`;

    // Whoever holds the link says who they are.
    const answerer = await s.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    await both(answerer, link, 'review-02-team-link');
    await answerer.fill('#answer-body', 'Hello Tess, the charge after cancelling is refunded within 5 days.');
    await Promise.all([
      answerer.waitForNavigation(),
      answerer.click('form[action$="/submit"] button[type="submit"]'),
    ]);
    expect(await answerer.locator('main').textContent()).toContain('say who answers');
    await screenshot(answerer, 'review-03-team-link-nameless-en');
    await answerer.selectOption('#author-pick', { label: 'Nadia Billing' });
    await Promise.all([
      answerer.waitForNavigation(),
      answerer.click('form[action$="/submit"] button[type="submit"]'),
    ]);
    expect(await answerer.locator('main').textContent()).toContain('Thank you!');
    await answerer.close();
    const [draft] = await deps.db.select().from(expertAnswers).where(eq(expertAnswers.escalationId, esc.id));
    expect(draft).toMatchObject({ authorName: 'Nadia Billing', via: 'link' });

    // Tom finds the draft in his queue, reads who wrote it, and approves it.
    await signIn(page, s.svc.base, 'tech@lumo.demo', DEMO_PASSWORD);
    await page.goto(`${s.svc.base}/expert`);
    expect(await page.locator('#approval-h').textContent()).toBe('Drafts waiting for your approval');
    await both(page, '/expert', 'review-04-approver-queue');
    await Promise.all([page.waitForNavigation(), page.click('section[aria-labelledby="approval-h"] a.btn')]);
    const casePath = new URL(page.url()).pathname;
    const main = await page.locator('main').textContent();
    expect(main).toContain('by Nadia Billing');
    expect(main).toContain('Brand guidelines');
    await both(page, casePath, 'review-05-approver-case');
    await Promise.all([
      page.waitForNavigation(),
      page.click('form[action$="/approve"] button[type="submit"]'),
    ]);
    const sent = await deps.db.select().from(replies).where(eq(replies.caseId, m!.caseId!));
    expect(sent).toMatchObject([{ approvedById: tom.actor!.id }]);
    await both(page, casePath, 'review-06-approved-history');
  });
});
