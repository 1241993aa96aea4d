import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkId } from '../../connectors/types';
import { mentions } from '../../src/db/schema';
import { asSystem } from '../../src/services/context';
import { storeMentions } from '../../src/services/listening/store-mentions';
import { createTestApp, type TestApp } from '../helpers/app';

const BASE = 'http://passerelle.test';

/** The reply pre-flight on the case page and the read-only badge in the inbox. */
describe('reply pre-flight in the pages', () => {
  let t: TestApp;
  let advisor: { cookie: string; csrf: string };
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
    advisor = await t.session('advisor');
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (path: string, cookie = advisor.cookie) =>
    t.app.request(`${BASE}${path}`, { headers: { accept: 'text/html', cookie } });

  const post = (path: string, form: Record<string, string>, cookie = advisor.cookie) =>
    t.app.request(`${BASE}${path}`, {
      method: 'POST',
      headers: {
        accept: 'text/html',
        origin: BASE,
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ _csrf: advisor.csrf, ...form }).toString(),
    });

  /** A customer post stored as a listener would store it, opening its own case. */
  async function customerCase(text: string, network: NetworkId = 'demo'): Promise<string> {
    seq += 1;
    const externalId = `preflight-${seq}-${Date.now()}`;
    await storeMentions(t.deps.db, asSystem(t.deps), { brandId: t.brandId, listenerId: null, network }, [
      {
        fromBrand: false,
        classification: t.deps.classifier.classify({ text, topics: [] }),
        mention: {
          externalId,
          text,
          url: `https://${network}.example/items/${externalId}`,
          createdAt: new Date(t.deps.clock.now().getTime() - 5 * 60_000).toISOString(),
          author: { externalId: `pf-author-${seq}`, handle: `pf_customer_${seq}`, url: null },
          raw: {},
        },
      },
    ]);
    const [row] = await t.deps.db.select().from(mentions).where(eq(mentions.externalId, externalId));
    if (!row?.caseId) throw new Error('no case opened');
    return row.caseId;
  }

  it('shows the verdict before the reply form', async () => {
    const caseId = await customerCase('@lumo my hub keeps disconnecting, any idea?');
    const res = await get(`/cases/${caseId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const verdict = html.indexOf('You can answer publicly on Demo network: 500 characters.');
    expect(verdict).toBeGreaterThan(-1);
    expect(verdict).toBeLessThan(html.indexOf('name="body"'));
    expect(html).toContain('data-preflight="allowed"');
    expect(html).toContain(`formaction="/cases/${caseId}/check"`);
    // Still the network's counter under the box.
    expect(html).toContain('data-max="500"');
  });

  it('measures typed text on request, without sending it', async () => {
    const caseId = await customerCase('@lumo is there a discount for students?');
    const text = 'Hi! Yes: 20% off with a student card, see lumo.example/students';
    const res = await post(`/cases/${caseId}/check`, { body: text, check: 'reply' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(
      `${Array.from(text).length} of 500 characters used, ${500 - Array.from(text).length} left.`,
    );
    expect(html).toContain('This text is not a repeat of an earlier public reply.');
    expect(html).toContain(text); // the draft is kept
    expect(html).not.toContain('aria-invalid="true"');
    const c = await t.deps.db.query.cases.findFirst({ where: (x, { eq }) => eq(x.id, caseId) });
    expect(c!.status).toBe('new');

    const long = await post(`/cases/${caseId}/check`, { body: 'y'.repeat(620), check: 'reply' });
    expect(await long.text()).toContain('620 of 500 characters: 120 too many.');
  });

  it('flags a text that repeats an earlier public reply word for word', async () => {
    const first = await customerCase('@lumo my order #A-1 is late');
    const second = await customerCase('@lumo my order #B-2 is late too');
    const canned = 'So sorry for the wait! Please send us your order number by DM and we will check.';
    const sent = await post(`/cases/${first}/reply`, { body: canned });
    expect(sent.status).toBe(303);

    const again = await post(`/cases/${second}/reply`, { body: canned });
    expect(again.status).toBe(400);
    const html = await again.text();
    expect(html).toContain('data-duplicate="yes"');
    expect(html).toContain('This text repeats an earlier public reply word for word');
    expect(html).toContain(
      'Answer: repeats an earlier public reply word for word: personalise it (networks refuse duplicates)',
    );
    expect(html).toContain(`${Array.from(canned).length} of 500 characters used`);
    expect(html).toContain(canned); // the draft is not lost

    const checked = await post(`/cases/${second}/check`, { body: canned, check: 'reply' });
    expect(await checked.text()).toContain('data-duplicate="yes"');
  });

  it('says a read-only source is read-only, offers no reply box, and badges it in the inbox', async () => {
    const caseId = await customerCase('Review: the Lumo hub lost my settings twice this week', 'rss');
    const html = await (await get(`/cases/${caseId}`)).text();
    expect(html).toContain('Read-only source: answer the customer where they wrote.');
    expect(html).not.toContain(`action="/cases/${caseId}/reply"`);
    expect(html).toContain('View on RSS');

    const inbox = await (await get('/inbox?network=rss')).text();
    expect(inbox).toContain(`href="/cases/${caseId}"`);
    expect(inbox).toMatch(/<span class="badge badge-muted" title="RSS is read-only[^"]*">read-only<\/span>/);
    const demoInbox = await (await get('/inbox?network=demo')).text();
    expect(demoInbox).not.toContain('>read-only<');
  });

  it('keeps the case page up when the network cannot be asked, and offers no reply box', async () => {
    // No Mastodon account is connected, so Passerelle does not know which instance to ask.
    const caseId = await customerCase('@lumo@mastodon.example my hub is offline', 'mastodon');
    const res = await get(`/cases/${caseId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-preflight="unavailable"');
    expect(html).toContain('Passerelle cannot check Mastodon now:');
    expect(html).not.toContain(`action="/cases/${caseId}/reply"`);
  });

  it('speaks French', async () => {
    const caseId = await customerCase('@lumo bonjour, ma box ne se connecte plus');
    const fr = `${advisor.cookie}; passerelle_lang=fr`;
    const html = await (await get(`/cases/${caseId}`, fr)).text();
    expect(html).toContain('Vous pouvez répondre publiquement sur Réseau de démo : 500 caractères.');
    const checked = await post(`/cases/${caseId}/check`, { body: 'Bonjour !', check: 'reply' }, fr);
    expect(await checked.text()).toContain('9 caractères sur 500 utilisés, 491 restants.');
  });
});
