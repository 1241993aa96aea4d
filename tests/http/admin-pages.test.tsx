import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listeners, listenerUsage, networkAccounts, notificationChannels } from '../../src/db/schema';
import { asSystem } from '../../src/services/context';
import { composeDemoPost } from '../../src/services/demo/compose-demo-post';
import { pollListener } from '../../src/services/listening/poll-listener';
import { createTestApp, type TestApp } from '../helpers/app';

const BASE = 'http://passerelle.test';
type Role = 'advisor' | 'expert' | 'marketing' | 'admin';

/**
 * The admin's connections pages as a browser uses them: accounts, listeners and notification
 * channels with their health, and the forms that add them. One app for the file; each test makes
 * its own rows with distinct handles and queries.
 */
describe('admin connections pages', () => {
  let t: TestApp;
  const sessions = {} as Record<Role, { cookie: string; csrf: string }>;

  beforeAll(async () => {
    t = await createTestApp();
    for (const r of ['advisor', 'expert', 'marketing', 'admin'] as const) sessions[r] = await t.session(r);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (path: string, cookie = sessions.admin.cookie) =>
    t.app.request(`${BASE}${path}`, { headers: { accept: 'text/html', cookie } });

  const post = (path: string, form: Record<string, string | string[]>, who: Role = 'admin') => {
    const body = new URLSearchParams({ _csrf: sessions[who].csrf });
    for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
    return t.app.request(`${BASE}${path}`, {
      method: 'POST',
      headers: {
        accept: 'text/html',
        origin: BASE,
        cookie: sessions[who].cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: body.toString(),
    });
  };

  const page = async (path: string, cookie?: string) => {
    const res = await get(path, cookie);
    expect(res.status).toBe(200);
    return res.text();
  };

  const demoAccountId = async () => {
    const [row] = await t.deps.db
      .select()
      .from(networkAccounts)
      .where(and(eq(networkAccounts.network, 'demo'), eq(networkAccounts.handle, 'lumo')));
    return row!.id;
  };

  describe('access', () => {
    const paths = [
      '/admin/connections',
      '/admin/accounts/new',
      '/admin/listeners/new',
      '/admin/channels/new',
    ];
    for (const path of paths) {
      it(`GET ${path}: admin only`, async () => {
        expect((await get(path)).status).toBe(200);
        for (const role of ['advisor', 'expert', 'marketing'] as const) {
          expect((await get(path, sessions[role].cookie)).status, role).toBe(403);
        }
      });
    }

    it('refuses the forms to other roles and stores nothing', async () => {
      for (const role of ['advisor', 'expert', 'marketing'] as const) {
        const account = await post('/admin/accounts', { network: 'x', handle: `sneaky_${role}` }, role);
        expect(account.status, role).toBe(403);
        const listener = await post(
          '/admin/listeners',
          { network: 'demo', kind: 'keyword', query: `sneaky-${role}` },
          role,
        );
        expect(listener.status, role).toBe(403);
        const preview = await post(
          '/admin/listeners/preview',
          { network: 'demo', kind: 'keyword', query: 'parcel' },
          role,
        );
        expect(preview.status, role).toBe(403);
        const channel = await post(
          '/admin/channels',
          { name: `sneaky ${role}`, kind: 'email', target: 'a@b.example', audiences: 'admins' },
          role,
        );
        expect(channel.status, role).toBe(403);
      }
      const accounts = await t.deps.db.select().from(networkAccounts);
      expect(accounts.some((a) => a.handle.startsWith('sneaky_'))).toBe(false);
      const channels = await t.deps.db.select().from(notificationChannels);
      expect(channels.some((c) => c.name.startsWith('sneaky'))).toBe(false);
    });

    it('puts Connections in the admin’s navigation only', async () => {
      expect(await page('/inbox')).toContain('href="/admin/connections"');
      expect(await page('/inbox', sessions.advisor.cookie)).not.toContain('href="/admin/connections"');
    });
  });

  describe('accounts', () => {
    it('connects an account and never shows its credentials again', async () => {
      const form = await page('/admin/accounts/new');
      expect(form).toContain('name="_csrf"');
      for (const key of [
        'bearerToken',
        'accessToken',
        'refreshToken',
        'clientId',
        'appPassword',
        'clientSecret',
      ]) {
        expect(form).toContain(key);
      }
      expect(form).toContain('name="cred_x_bearerToken" type="password"');

      const res = await post('/admin/accounts', {
        brandId: t.brandId,
        network: 'x',
        handle: '@lumo_x',
        externalUserId: '1234567890',
        baseUrl: '',
        cred_x_bearerToken: 'SECRET-bearer-4f9a',
        cred_x_accessToken: 'SECRET-access-77b2',
        cred_x_clientId: 'client-id-x',
        // Another network's fields are not this account's credentials.
        cred_mastodon_accessToken: 'SECRET-mastodon-9c1d',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/admin/connections?done=account_connected');

      const html = await page('/admin/connections?done=account_connected');
      expect(html).toContain('The account is connected.');
      expect(html).toContain('@lumo_x');
      expect(html).toContain('id 1234567890');
      expect(html).toContain('stored (encrypted)');
      for (const secret of ['SECRET-bearer-4f9a', 'SECRET-access-77b2', 'SECRET-mastodon-9c1d', 'SECRET-']) {
        expect(html).not.toContain(secret);
      }

      const [row] = await t.deps.db
        .select()
        .from(networkAccounts)
        .where(eq(networkAccounts.handle, 'lumo_x'));
      expect(row!.credentials).not.toContain('SECRET');
      expect(JSON.parse(await t.deps.secrets.open(row!.credentials!))).toEqual({
        bearerToken: 'SECRET-bearer-4f9a',
        accessToken: 'SECRET-access-77b2',
        clientId: 'client-id-x',
      });
    });

    it('re-renders a refused form with field messages, without echoing credentials', async () => {
      const res = await post('/admin/accounts', {
        brandId: t.brandId,
        network: 'mastodon',
        handle: '   ',
        baseUrl: 'ftp://mastodon.example',
        cred_mastodon_accessToken: 'SECRET-typed-then-refused',
      });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('The form has errors:');
      expect(html).toContain('Handle</a>: is required');
      expect(html).toMatch(/API base URL<\/a>: must (be a URL|start with http:\/\/ or https:\/\/)/);
      expect(html).toContain('value="ftp://mastodon.example"');
      expect(html).toMatch(/<option value="mastodon" selected="">/);
      expect(html).toContain('aria-invalid="true"');
      expect(html).not.toContain('SECRET-typed-then-refused');
      expect(html).toContain('Credentials are never sent back to the browser: enter them again.');
    });

    it('reads a Mastodon instance’s limit when connecting, shows it, and reads it again on demand', async () => {
      // This app has no network: the instance cannot be read, and the admin is told what applies.
      const res = await post('/admin/accounts', {
        brandId: t.brandId,
        network: 'mastodon',
        handle: '@lumo_limits',
        baseUrl: 'https://mastodon.example',
        cred_mastodon_accessToken: 'token-limits',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/admin/connections?done=account_limits_unread');
      const [row] = await t.deps.db
        .select()
        .from(networkAccounts)
        .where(eq(networkAccounts.handle, 'lumo_limits'));
      expect(row!.postingLimits).toBeNull();
      const html = await page('/admin/connections?done=account_limits_unread');
      expect(html).toContain('did not give its limit on characters per post: 500 is assumed');
      expect(html).toContain('The instance’s limit is not read yet: 500 characters per post assumed.');
      expect(html).toContain(`action="/admin/accounts/${row!.id}/limits"`);

      const again = await post(`/admin/accounts/${row!.id}/limits`, {});
      expect(again.status).toBe(303);
      expect(again.headers.get('location')).toBe(`/admin/connections?done=limits_unread#account-${row!.id}`);
      expect(await post(`/admin/accounts/${row!.id}/limits`, {}, 'advisor')).toHaveProperty('status', 403);

      // As stored by a read that succeeded (the read itself: tests/services/admin/posting-limits).
      await t.deps.db
        .update(networkAccounts)
        .set({
          postingLimits: {
            maxCharacters: 5000,
            charactersReservedPerUrl: 23,
            readAt: '2026-11-20T08:30:00Z',
          },
        })
        .where(eq(networkAccounts.id, row!.id));
      expect(await page('/admin/connections')).toContain('5,000 characters per post on this instance (read');
      // Networks with one limit for everyone show nothing of the kind.
      const x = (await page('/admin/connections'))
        .split(`id="account-${await demoAccountId()}"`)[1]!
        .split('</tr>')[0];
      expect(x).not.toContain('characters per post');
    });

    it('says when the account is already connected', async () => {
      const form = { brandId: t.brandId, network: 'reddit', handle: 'lumo_reddit' };
      expect((await post('/admin/accounts', form)).status).toBe(303);
      const again = await post('/admin/accounts', form);
      expect(again.status).toBe(409);
      expect(await again.text()).toContain('@lumo_reddit is already connected on Reddit.');
    });

    it('shows a failing account and listener in a banner at the top, with the error', async () => {
      // An account pointed at an address where no network answers: every poll through it fails.
      expect(
        (
          await post('/admin/accounts', {
            brandId: t.brandId,
            network: 'demo',
            handle: 'lumo_down',
            baseUrl: 'http://passerelle.test/no-network-here',
          })
        ).status,
      ).toBe(303);
      const [down] = await t.deps.db
        .select()
        .from(networkAccounts)
        .where(eq(networkAccounts.handle, 'lumo_down'));
      expect(
        (
          await post('/admin/listeners', {
            brandId: t.brandId,
            network: 'demo',
            kind: 'keyword',
            query: 'outage-watch',
            intervalSeconds: '60',
            accountId: down!.id,
          })
        ).status,
      ).toBe(303);
      const [listener] = await t.deps.db.select().from(listeners).where(eq(listeners.query, 'outage-watch'));
      const outcome = await pollListener(asSystem(t.deps), listener!.id);
      expect(outcome.ok).toBe(false);
      await pollListener(asSystem(t.deps), listener!.id);

      const html = await page('/admin/connections');
      const banner = html.indexOf('data-health="broken"');
      expect(banner).toBeGreaterThan(-1);
      expect(banner).toBeLessThan(html.indexOf('id="accounts-h"'));
      expect(html).toContain('role="alert"');
      expect(html).toMatch(/\d connections are not working/);
      expect(html).toContain(`href="#account-${down!.id}">Demo network account @lumo_down</a>`);
      expect(html).toContain(`href="#listener-${listener!.id}">Demo network listener “outage-watch”</a>`);
      expect(html).toContain('Not working since');
      expect(html).toContain('2 failures in a row');
      expect(html).toContain('never succeeded');
      const [after] = await t.deps.db.select().from(networkAccounts).where(eq(networkAccounts.id, down!.id));
      expect(after!.lastError).toBeTruthy();
      expect(html).toContain(escapeHtml(after!.lastError!));
      expect(html).toContain(`<tr id="account-${down!.id}" class="row-bad">`);
    });
  });

  describe('listeners', () => {
    it('refuses an RSS listener without its feed URL, keeping the values', async () => {
      const res = await post('/admin/listeners', {
        brandId: t.brandId,
        network: 'rss',
        kind: 'mention',
        query: 'lumo "smart hub"',
        target: '',
        intervalSeconds: '900',
      });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('an RSS/Atom listener needs the feed URL (http or https)');
      expect(html).toContain('RSS has no mentions: listen for keywords');
      expect(html).toMatch(/id="f-target"[^>]*aria-invalid="true"/);
      expect(html).toContain('value="lumo &quot;smart hub&quot;"');
      expect(html).toMatch(/<option value="900" selected="">/);
      const rows = await t.deps.db.select().from(listeners).where(eq(listeners.network, 'rss'));
      expect(rows).toHaveLength(0);
    });

    it('explains each network’s query syntax next to the field', async () => {
      const html = await page('/admin/listeners/new');
      for (const piece of [
        '-is:retweet',
        'lang:fr',
        'from:lumo',
        '#lumo',
        'title:refund',
        'author:',
        'search enabled',
      ]) {
        expect(html).toContain(piece);
      }
      expect(html).toContain('formaction="/admin/listeners/preview"');
    });

    it('previews a query on the demo network with its classification, storing nothing', async () => {
      await composeDemoPost(asSystem(t.deps), {
        handle: 'preview_fan',
        text: '@lumo my parcel never arrived and nobody answers, this is ridiculous',
      });
      const before = await t.deps.db.select().from(listeners);
      const res = await post('/admin/listeners/preview', {
        brandId: t.brandId,
        network: 'demo',
        kind: 'keyword',
        query: 'parcel',
        target: '',
        intervalSeconds: '300',
        accountId: await demoAccountId(),
      });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('data-preview="ok"');
      expect(html).toContain('@preview_fan');
      expect(html).toContain('my parcel never arrived');
      expect(html).toMatch(/would arrive\./);
      expect(html).toContain('Nothing was stored.');
      expect(html).toContain('English');
      expect(html).toContain('badge badge-neg');
      expect(html).toContain('value="parcel"');
      expect(await t.deps.db.select().from(listeners)).toHaveLength(before.length);
    });

    it('shows why a preview failed, in words', async () => {
      const connected = await post('/admin/accounts', {
        brandId: t.brandId,
        network: 'demo',
        handle: 'lumo_preview_down',
        baseUrl: 'http://passerelle.test/no-network-here',
      });
      expect(connected.status).toBe(303);
      const [down] = await t.deps.db
        .select()
        .from(networkAccounts)
        .where(eq(networkAccounts.handle, 'lumo_preview_down'));
      const accountId = down!.id;
      const res = await post('/admin/listeners/preview', {
        brandId: t.brandId,
        network: 'demo',
        kind: 'keyword',
        query: 'parcel',
        intervalSeconds: '300',
        accountId,
      });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('data-preview="failed"');
      expect(html).toContain('The preview failed:');
    });

    it('adds a listener and shows its schedule, usage and the X cost in dollars', async () => {
      const res = await post('/admin/listeners', {
        brandId: t.brandId,
        network: 'x',
        kind: 'keyword',
        query: '"lumo hub" -is:retweet lang:fr',
        target: '',
        intervalSeconds: '900',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/admin/connections?done=listener_created');
      const [row] = await t.deps.db
        .select()
        .from(listeners)
        .where(eq(listeners.query, '"lumo hub" -is:retweet lang:fr'));
      expect(row!.intervalSeconds).toBe(900);
      const today = t.deps.clock.now().toISOString().slice(0, 10);
      const earlier = new Date(t.deps.clock.now().getTime() - 3 * 86_400_000).toISOString().slice(0, 10);
      await t.deps.db.insert(listenerUsage).values([
        { listenerId: row!.id, day: today, postsRead: 120, requests: 2 },
        { listenerId: row!.id, day: earlier, postsRead: 300, requests: 3 },
      ]);

      const html = await page('/admin/connections?done=listener_created');
      expect(html).toContain('The listener is added');
      expect(html).toContain('&quot;lumo hub&quot; -is:retweet lang:fr');
      expect(html).toContain('every 15 min');
      expect(html).toContain('120 today');
      expect(html).toContain('420 in 30 days');
      expect(html).toContain('US$0.60 today');
      expect(html).toContain('US$2.10 in 30 days');
      expect(html).toContain('about US$0.005 per post');
      expect(html).toContain('not billed'); // the demo listener costs nothing
    });
  });

  describe('notification channels', () => {
    it('adds a signed webhook, without showing its secret or its URL path', async () => {
      const res = await post('/admin/channels', {
        name: 'Ops webhook',
        kind: 'webhook',
        target: 'https://hooks.example.com/services/T000/B000/very-secret-path',
        secret: 'hmac-SECRET-0123456789abcdef',
        audiences: ['admins', 'experts'],
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/admin/connections?done=channel_added');
      const html = await page('/admin/connections?done=channel_added');
      expect(html).toContain('Ops webhook');
      expect(html).toContain('hooks.example.com/…');
      expect(html).toContain('signed (HMAC)');
      expect(html).toContain('Admins');
      expect(html).toContain('Experts');
      expect(html).not.toContain('very-secret-path');
      expect(html).not.toContain('hmac-SECRET');
      const [row] = await t.deps.db
        .select()
        .from(notificationChannels)
        .where(eq(notificationChannels.name, 'Ops webhook'));
      expect(row!.audiences).toEqual(['admins', 'experts']);
      expect(row!.secret).not.toContain('hmac-SECRET');
    });

    it('refuses a channel without audience or with a bad address, with field messages', async () => {
      const res = await post('/admin/channels', {
        name: 'Care mailbox',
        kind: 'email',
        target: 'not-an-address',
        'smtp.password': 'short-SECRET',
      });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('choose at least one audience');
      expect(html).toContain('must be an e-mail address');
      expect(html).toContain('an e-mail channel needs its SMTP server');
      expect(html).toContain('value="Care mailbox"');
      expect(html).not.toContain('short-SECRET');
      expect(html).toMatch(/<option value="email" selected="">/);
      const short = await post('/admin/channels', {
        name: 'Short secret',
        kind: 'webhook',
        target: 'https://hooks.example.com/x',
        secret: 'short-SECRET',
        audiences: ['admins'],
      });
      expect(short.status).toBe(400);
      expect(await short.text()).toContain('must be at least 16 characters');
    });

    it('adds an e-mail channel with its SMTP server, the password sealed', async () => {
      const res = await post('/admin/channels', {
        name: 'Experts mailbox',
        kind: 'email',
        target: 'experts@lumo.example',
        'smtp.host': 'smtp.lumo.example',
        'smtp.port': '465',
        'smtp.user': 'passerelle',
        'smtp.password': 'pw-SECRET',
        'smtp.from': 'passerelle@lumo.example',
        audiences: ['experts'],
      });
      expect(res.status).toBe(303);
      const [row] = await t.deps.db
        .select()
        .from(notificationChannels)
        .where(eq(notificationChannels.name, 'Experts mailbox'));
      expect(row!.settings).toMatchObject({
        host: 'smtp.lumo.example',
        port: 465,
        secure: true,
        user: 'passerelle',
        from: 'passerelle@lumo.example',
      });
      expect(await t.deps.secrets.open(row!.secret!)).toBe('pw-SECRET');
      const html = await page('/admin/connections');
      expect(html).toContain('Experts mailbox');
      expect(html).not.toContain('pw-SECRET');
    });
  });

  it('speaks French', async () => {
    const fr = `${sessions.admin.cookie}; passerelle_lang=fr`;
    const html = await page('/admin/connections', fr);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Canaux de notification');
    expect(html).toContain('Ajouter une écoute');
    const form = await page('/admin/listeners/new', fr);
    expect(form).toContain('Syntaxe des requêtes');
    expect(form).toContain('sans les republications');
    const refused = await t.app.request(`${BASE}/admin/listeners`, {
      method: 'POST',
      headers: {
        accept: 'text/html',
        origin: BASE,
        cookie: fr,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        _csrf: sessions.admin.csrf,
        brandId: t.brandId,
        network: 'rss',
        kind: 'keyword',
        query: 'lumo',
      }).toString(),
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('une écoute RSS/Atom a besoin de l’URL du flux (http ou https)');
  });
});

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
