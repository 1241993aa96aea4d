import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mentions } from '../../src/db/schema';
import { asSystem } from '../../src/services/context';
import { storeMentions } from '../../src/services/listening/store-mentions';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../helpers/app';

const BASE = 'http://passerelle.test';

/**
 * The pages as a browser uses them: cookies, form posts with the CSRF field, redirects, HTML.
 * One app and database for the file; every test makes its own cases, so none depends on another.
 */
describe('pages', () => {
  let t: TestApp;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (path: string, cookie?: string) =>
    t.app.request(`${BASE}${path}`, { headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });

  const post = (path: string, form: Record<string, string>, cookie?: string) =>
    t.app.request(`${BASE}${path}`, {
      method: 'POST',
      headers: {
        accept: 'text/html',
        origin: BASE,
        'content-type': 'application/x-www-form-urlencoded',
        ...(cookie ? { cookie } : {}),
      },
      body: new URLSearchParams(form).toString(),
    });

  /** A customer post stored as the listener would store it, opening its own case. */
  async function customerCase(
    text: string,
    opts: { url?: string | null; authorUrl?: string | null; handle?: string } = {},
  ): Promise<string> {
    seq += 1;
    const externalId = `page-test-${seq}-${Date.now()}`;
    const classification = t.deps.classifier.classify({ text, topics: [] });
    await storeMentions(
      t.deps.db,
      asSystem(t.deps),
      { brandId: t.brandId, listenerId: null, network: 'demo' },
      [
        {
          fromBrand: false,
          classification,
          mention: {
            externalId,
            text,
            url: opts.url === undefined ? `https://demo.example/posts/${externalId}` : opts.url,
            createdAt: new Date(t.deps.clock.now().getTime() - 12 * 60_000).toISOString(),
            author: {
              externalId: `author-${seq}`,
              handle: opts.handle ?? `customer_${seq}`,
              displayName: null,
              url: opts.authorUrl ?? null,
              followers: 1234,
            },
            raw: {},
          },
        },
      ],
    );
    const [row] = await t.deps.db.select().from(mentions).where(eq(mentions.externalId, externalId));
    if (!row?.caseId) throw new Error('no case opened');
    return row.caseId;
  }

  describe('sign-in', () => {
    it('shows the form', async () => {
      const res = await get('/login');
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toMatch(/^<!DOCTYPE html>/);
      expect(html).toContain('name="email"');
      expect(html).toContain('name="password"');
    });

    it('signs in, sets a safe session cookie and goes to the role home', async () => {
      const res = await post('/login', { email: 'advisor@lumo.demo', password: DEMO_PASSWORD });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/inbox');
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^passerelle_session=/);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Lax');
      expect(cookie).toContain('Path=/');
      expect(cookie).toContain('Expires=');
      expect(cookie).not.toContain('Secure');

      const expert = await post('/login', { email: 'billing@lumo.demo', password: DEMO_PASSWORD });
      expect(expert.headers.get('location')).toBe('/expert');
      const marketing = await post('/login', { email: 'marketing@lumo.demo', password: DEMO_PASSWORD });
      expect(marketing.headers.get('location')).toBe('/reports');
    });

    it('marks the cookie Secure over https', async () => {
      const res = await t.app.request('https://passerelle.test/login', {
        method: 'POST',
        headers: { origin: 'https://passerelle.test', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'advisor@lumo.demo', password: DEMO_PASSWORD }).toString(),
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('set-cookie')).toContain('Secure');
    });

    it('goes back to `next` only when it is a path on this site', async () => {
      const form = { email: 'advisor@lumo.demo', password: DEMO_PASSWORD };
      expect((await post('/login', { ...form, next: '/reports?days=7' })).headers.get('location')).toBe(
        '/reports?days=7',
      );
      for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
        expect((await post('/login', { ...form, next })).headers.get('location')).toBe('/inbox');
      }
    });

    it('refuses a wrong password with 401 and keeps the e-mail', async () => {
      const res = await post('/login', { email: 'advisor@lumo.demo', password: 'not-the-password' });
      expect(res.status).toBe(401);
      const html = await res.text();
      expect(html).toContain('Wrong e-mail or password.');
      expect(html).toContain('value="advisor@lumo.demo"');
      expect(res.headers.get('set-cookie')).toBeNull();
    });

    it('refuses an invalid form with 400 and says which fields', async () => {
      const res = await post('/login', { email: 'not-an-address', password: '' });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('Enter a valid e-mail address.');
      expect(html).toContain('Enter your password.');
    });

    it('signs out and the cookie stops working', async () => {
      const s = await t.session('advisor');
      const res = await post('/logout', { _csrf: s.csrf }, s.cookie);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/login');
      expect(res.headers.get('set-cookie')).toMatch(/passerelle_session=;/);
      const after = await get('/inbox', s.cookie);
      expect(after.status).toBe(302);
    });

    it('sends / to the role home, or to the sign-in page', async () => {
      expect((await get('/')).headers.get('location')).toBe('/login');
      const s = await t.session('marketing');
      expect((await get('/', s.cookie)).headers.get('location')).toBe('/reports');
    });
  });

  describe('access', () => {
    it('sends a signed-out visitor to the sign-in page, and back after', async () => {
      for (const path of [
        '/inbox?status=new',
        '/cases/cas_x',
        '/expert',
        '/expert/questions/esc_x',
        '/reports',
      ]) {
        const res = await get(path);
        expect(res.status).toBe(302);
        expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
      }
    });

    it('refuses a role that may not, with a 403 page in its language', async () => {
      const marketing = await t.session('marketing'); // Léa's language is French
      const refused = await get('/inbox', marketing.cookie);
      expect(refused.status).toBe(403);
      const html = await refused.text();
      expect(html).toContain('Accès refusé');
      expect(html).toContain('Votre rôle (Marketing) ne donne pas accès à cette page.');

      const expert = await t.session('tech@lumo.demo');
      const reports = await get('/reports', expert.cookie);
      expect(reports.status).toBe(403);
      expect(await reports.text()).toContain('Not allowed');

      const advisor = await t.session('advisor');
      expect((await get('/expert', advisor.cookie)).status).toBe(403);
    });

    it('refuses a form without the CSRF field', async () => {
      const caseId = await customerCase('@lumo where is my parcel? ordered 2 weeks ago');
      const s = await t.session('advisor');
      const res = await post(`/cases/${caseId}/claim`, {}, s.cookie);
      expect(res.status).toBe(403);
      const wrong = await post(`/cases/${caseId}/claim`, { _csrf: 'forged' }, s.cookie);
      expect(wrong.status).toBe(403);
      const page = await (await get(`/cases/${caseId}`, s.cookie)).text();
      expect(page).toContain('Claim this case');
    });
  });

  describe('inbox', () => {
    it('shows network text as text, never as markup', async () => {
      await customerCase('@lumo <script>alert("pwned")</script> my hub <b>is</b> offline again!!');
      const s = await t.session('advisor');
      const res = await get('/inbox?status=new&sort=priority', s.cookie);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<b>is</b>');
    });

    it('lists a case with its labels, a claim button and a link to it, keeping the filters', async () => {
      const caseId = await customerCase('@lumo I was charged twice this month, can I get a refund?', {
        handle: 'filter_me',
      });
      const s = await t.session('advisor');
      const html = await (
        await get('/inbox?status=new&assignee=unassigned&sort=age&network=demo', s.cookie)
      ).text();
      expect(html).toContain(`href="/cases/${caseId}"`);
      expect(html).toContain(`action="/cases/${caseId}/claim"`);
      expect(html).toContain('@filter_me');
      expect(html).toContain('1,234 followers');
      expect(html).toContain('12 min');
      expect(html).toMatch(/<option value="unassigned" selected="">/);
      expect(html).toMatch(/<option value="age" selected="">/);
      expect(html).toMatch(/<option value="demo" selected="">/);
    });

    it('resets a filter it does not understand instead of failing', async () => {
      const s = await t.session('advisor');
      const res = await get('/inbox?status=bogus&sort=age', s.cookie);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Some filters were not understood');
    });
  });

  describe('case', () => {
    it('links out only to http(s) URLs', async () => {
      const caseId = await customerCase('@lumo look at this', {
        url: 'javascript:alert(document.cookie)',
        authorUrl: 'javascript:alert(1)',
      });
      const s = await t.session('advisor');
      const res = await get(`/cases/${caseId}`, s.cookie);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).not.toContain('javascript:');
      expect(html).not.toContain('View on Demo network');

      const safe = await customerCase('@lumo fine link', { url: 'https://demo.example/p/1' });
      const ok = await (await get(`/cases/${safe}`, s.cookie)).text();
      expect(ok).toContain('href="https://demo.example/p/1"');
    });

    it('walks a case from claim to approval, with notices and history', async () => {
      const caseId = await customerCase('@lumo I was charged twice for Lumo+ this month, can you refund me?');
      const advisor = await t.session('advisor');
      const expert = await t.session('billing@lumo.demo');

      const view = await (await get(`/cases/${caseId}`, advisor.cookie)).text();
      expect(view).toContain('500 characters at most on Demo network');
      expect(view).toContain('data-max="500"');

      const claimed = await post(`/cases/${caseId}/claim`, { _csrf: advisor.csrf }, advisor.cookie);
      expect(claimed.status).toBe(303);
      expect(claimed.headers.get('location')).toBe(`/cases/${caseId}?done=claimed`);
      expect(await (await get(`/cases/${caseId}?done=claimed`, advisor.cookie)).text()).toContain(
        'You claimed this case.',
      );

      const tooLong = await post(
        `/cases/${caseId}/reply`,
        { _csrf: advisor.csrf, body: 'x'.repeat(600) },
        advisor.cookie,
      );
      expect(tooLong.status).toBe(400);
      const tooLongHtml = await tooLong.text();
      expect(tooLongHtml).toContain('Answer: 600 characters, but Demo network allows 500');
      expect(tooLongHtml).toContain('x'.repeat(600)); // the draft is not lost

      const escalated = await post(
        `/cases/${caseId}/escalate`,
        { _csrf: advisor.csrf, skill: 'billing', skill_other: '', note: 'Double charge <check> please' },
        advisor.cookie,
      );
      expect(escalated.status).toBe(303);
      const after = await (await get(`/cases/${caseId}?done=escalated`, advisor.cookie)).text();
      expect(after).toContain('The question went to the experts.');
      expect(after).toContain('Double charge &lt;check&gt; please');
      expect(after).toContain('routed to Nadia Billing');

      // Claiming again now is a conflict, shown on the case with its status.
      const again = await post(`/cases/${caseId}/claim`, { _csrf: advisor.csrf }, advisor.cookie);
      expect(again.status).toBe(409);
      expect(await again.text()).toContain('This case is now “Waiting for expert”');

      // The expert sees it in the queue, opens it, answers.
      const queue = await (await get('/expert', expert.cookie)).text();
      const escId = /href="\/expert\/questions\/([^"]+)"/.exec(queue)?.[1];
      expect(escId).toBeTruthy();
      const question = await get(`/expert/questions/${escId}`, expert.cookie);
      expect(question.status).toBe(200);
      const qHtml = await question.text();
      expect(qHtml).toContain('I was charged twice');
      expect(qHtml).toContain('Double charge &lt;check&gt; please');

      const empty = await post(
        `/expert/questions/${escId}/answer`,
        { _csrf: expert.csrf, body: '  ' },
        expert.cookie,
      );
      expect(empty.status).toBe(400);
      // Nadia reads French: the field message is translated.
      expect(await empty.text()).toContain('Réponse: écrivez d’abord la réponse');

      const answered = await post(
        `/expert/questions/${escId}/answer`,
        { _csrf: expert.csrf, body: 'The second charge is cancelled; the refund arrives within 5 days.' },
        expert.cookie,
      );
      expect(answered.status).toBe(303);
      expect(answered.headers.get('location')).toBe('/expert?done=answered');

      // Another expert without the skill cannot see it.
      const tech = await t.session('tech@lumo.demo');
      expect((await get(`/expert/questions/${escId}`, tech.cookie)).status).toBe(404);

      // The advisor approves an edited draft.
      const approval = await (await get(`/cases/${caseId}`, advisor.cookie)).text();
      expect(approval).toContain(`action="/cases/${caseId}/approve"`);
      expect(approval).toContain(
        'The second charge is cancelled; the refund arrives within 5 days.</textarea>',
      );
      const approved = await post(
        `/cases/${caseId}/approve`,
        { _csrf: advisor.csrf, body: 'Hi! The second charge is cancelled: refund within 5 days. Sorry!' },
        advisor.cookie,
      );
      expect(approved.status).toBe(303);
      const done = await (await get(`/cases/${caseId}?done=approved`, advisor.cookie)).text();
      expect(done).toContain('Approved: the answer is queued for posting.');
      expect(done).toContain('Queued');
      for (const line of [
        'Camille Advisor claimed the case',
        'Camille Advisor escalated the question',
        'Nadia Billing answered the question',
        'Camille Advisor approved the answer',
        'A reply by Camille Advisor was queued',
      ]) {
        expect(done).toContain(line);
      }
    });

    it('keeps another advisor off a claimed case', async () => {
      const caseId = await customerCase('@lumo my parcel never arrived');
      const advisor = await t.session('advisor');
      const admin = await t.session('admin');
      expect((await post(`/cases/${caseId}/claim`, { _csrf: advisor.csrf }, advisor.cookie)).status).toBe(
        303,
      );
      const page = await (await get(`/cases/${caseId}`, admin.cookie)).text();
      expect(page).toContain('Camille Advisor holds this case');
      expect(page).not.toContain(`action="/cases/${caseId}/reply"`);
      const res = await post(`/cases/${caseId}/reply`, { _csrf: admin.csrf, body: 'Hello' }, admin.cookie);
      expect(res.status).toBe(409);
      expect(await res.text()).toContain('Another advisor has claimed this case.');
    });

    it('answers 404 with a page for an unknown case', async () => {
      const s = await t.session('advisor');
      const res = await get('/cases/cas_does_not_exist', s.cookie);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('Not found');
    });
  });

  describe('language', () => {
    it('switches to French and comes back to the page', async () => {
      const s = await t.session('advisor');
      const res = await get('/lang/fr?next=%2Finbox%3Fstatus%3Dnew', s.cookie);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/inbox?status=new');
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^passerelle_lang=fr/);
      expect(cookie).toContain('Max-Age=31536000');
      expect(cookie).toContain('SameSite=Lax');
      expect(cookie).toContain('Path=/');

      const html = await (await get('/inbox', `${s.cookie}; passerelle_lang=fr`)).text();
      expect(html).toContain('<html lang="fr">');
      expect(html).toContain('Boîte de réception');
      expect(html).toContain('Se déconnecter');
      expect(html).not.toContain('>Inbox<');
    });

    it('never redirects off the site', async () => {
      for (const next of [
        'https://evil.example/',
        '//evil.example',
        '/\\evil.example',
        'javascript:alert(1)',
      ]) {
        const res = await get(`/lang/en?next=${encodeURIComponent(next)}`);
        expect(res.headers.get('location')).toBe('/');
      }
    });
  });

  describe('reports', () => {
    it('draws the sentiment chart with a table, and lists volumes', async () => {
      await customerCase('@lumo love the new bulbs, thank you!');
      const s = await t.session('marketing');
      const res = await get('/reports?days=7', `${s.cookie}; passerelle_lang=en`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<svg');
      expect(html).toContain('<title id="chart-title">Mentions per day by sentiment, last 7 days</title>');
      expect(html).toContain('<table');
      expect(html).toContain('Volume per network');
      expect(html).toContain('Demo network');
      expect(html).toMatch(/href="\/reports\?days=7" aria-current="page"/);
    });
  });
});
