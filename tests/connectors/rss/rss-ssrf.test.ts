/**
 * A feed address is typed by a user: without allowPrivateAddresses the connector must refuse to
 * reach this machine, the private network or the cloud metadata service, on every redirect hop.
 * These tests never open a connection to such an address: the injected fetch records calls and
 * answers itself, so a refusal shows as "no call made".
 */
import { describe, expect, it } from 'vitest';
import { createRssConnector, type RssConnectorOptions } from '../../../connectors/rss';
import { forbiddenAddressReason, parseIpv6 } from '../../../connectors/rss/address';
import { ConnectorError, type FetchLike } from '../../../connectors/types';
import { LIFTOFF_RSS } from './fixtures';

async function caught(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}

interface FakeWeb {
  fetch: FetchLike;
  calls: string[];
}

/** Answers every URL from a table; anything else is a feed. Records each call. */
function fakeWeb(redirects: Record<string, string> = {}): FakeWeb {
  const calls: string[] = [];
  return {
    calls,
    fetch: async (request, init) => {
      const url = String(request);
      calls.push(url);
      expect(init?.redirect).toBe('manual');
      const location = redirects[url];
      if (location) return new Response(null, { status: 302, headers: { location } });
      return new Response(LIFTOFF_RSS, { status: 200, headers: { 'content-type': 'application/rss+xml' } });
    },
  };
}

const dns: Record<string, string[]> = {
  'feeds.lumo.example': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'intranet.lumo.example': ['10.1.2.3'],
  'metadata.lumo.example': ['93.184.216.34', '169.254.169.254'],
  'v6-private.lumo.example': ['fd12:3456:789a::1'],
  'nowhere.lumo.example': [],
};

const resolveHost = async (host: string) => {
  const found = dns[host];
  if (!found) throw new Error(`ENOTFOUND ${host}`);
  return found;
};

function connector(web: FakeWeb, options: Partial<RssConnectorOptions> = {}) {
  return createRssConnector({
    fetch: web.fetch,
    resolveHost,
    now: () => new Date('2026-03-01T12:00:00Z'),
    ...options,
  });
}

const poll = (web: FakeWeb, target: string, options: Partial<RssConnectorOptions> = {}) =>
  connector(web, options).poll({ kind: 'keyword', query: '', target, cursor: null });

describe('rss connector: SSRF guard', () => {
  const literalTargets: Array<[string, string]> = [
    ['http://127.0.0.1:8080/feed', 'loopback'],
    ['http://[::1]/feed', 'loopback'],
    ['http://10.0.0.7/feed', 'private'],
    ['http://172.16.5.4/feed', 'private'],
    ['http://172.31.255.255/feed', 'private'],
    ['http://192.168.1.1/rss', 'private'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://100.64.0.1/feed', 'carrier-grade NAT'],
    ['http://0.0.0.0/feed', 'unspecified'],
    ['http://[fe80::1]/feed', 'link-local'],
    ['http://[fc00::1]/feed', 'private'],
    ['http://[fd00:ec2::254]/feed', 'private'],
    ['http://[::ffff:127.0.0.1]/feed', 'loopback'],
    ['http://[::ffff:a9fe:a9fe]/feed', 'link-local'],
    ['http://[64:ff9b::a00:1]/feed', 'private'],
    ['http://[2002:c0a8:101::1]/feed', 'private'],
    ['http://2130706433/feed', 'loopback'],
    ['http://0x7f.1/feed', 'loopback'],
    ['http://017700000001/feed', 'loopback'],
    ['http://localhost:3000/feed', 'localhost'],
    ['http://admin.localhost/feed', 'localhost'],
  ];
  for (const [target, words] of literalTargets) {
    it(`refuses ${target} without a request`, async () => {
      const web = fakeWeb();
      const error = await caught(poll(web, target, { resolveHost: undefined }));
      expect(error.kind).toBe('forbidden');
      expect(error.message).toContain(words);
      expect(error.message).toContain('public internet');
      expect(web.calls).toEqual([]);
    });
  }

  it('refuses other schemes and embedded credentials', async () => {
    const web = fakeWeb();
    for (const target of [
      'file:///etc/passwd',
      'gopher://feeds.lumo.example/',
      'ftp://feeds.lumo.example/x',
    ]) {
      const error = await caught(poll(web, target));
      expect(error.kind).toBe('forbidden');
      expect(error.message).toContain('http:// or https://');
    }
    const withPassword = await caught(poll(web, 'https://user:secret@feeds.lumo.example/feed'));
    expect(withPassword.kind).toBe('forbidden');
    expect(withPassword.message).not.toContain('secret');
    expect(web.calls).toEqual([]);
  });

  it('refuses a hostname that resolves to a private, link-local or no address', async () => {
    const web = fakeWeb();
    const intranet = await caught(poll(web, 'https://intranet.lumo.example/feed'));
    expect(intranet.kind).toBe('forbidden');
    expect(intranet.message).toContain('resolves to 10.1.2.3, a private network address');
    // One bad address among good ones is enough to refuse: the connection may use any of them.
    const metadata = await caught(poll(web, 'https://metadata.lumo.example/feed'));
    expect(metadata.message).toContain('169.254.169.254');
    expect((await caught(poll(web, 'https://v6-private.lumo.example/feed'))).kind).toBe('forbidden');
    expect((await caught(poll(web, 'https://nowhere.lumo.example/feed'))).message).toContain('no address');
    expect(web.calls).toEqual([]);
  });

  it('reports a name that does not resolve as transient', async () => {
    const web = fakeWeb();
    const error = await caught(poll(web, 'https://unknown.lumo.example/feed'));
    expect(error.kind).toBe('transient');
    expect(web.calls).toEqual([]);
  });

  it('reads a feed whose name resolves to public addresses only', async () => {
    const web = fakeWeb();
    const result = await poll(web, 'https://feeds.lumo.example/feed');
    expect(result.mentions).toHaveLength(4);
    expect(web.calls).toEqual(['https://feeds.lumo.example/feed']);
  });

  it('checks every redirect hop: literal IPs, private names and localhost', async () => {
    const web = fakeWeb({
      'https://feeds.lumo.example/a': 'http://169.254.169.254/latest/meta-data/',
      'https://feeds.lumo.example/b': 'https://intranet.lumo.example/feed',
      'https://feeds.lumo.example/c': '//localhost/feed',
      'https://feeds.lumo.example/d': '/ok',
    });
    for (const path of ['a', 'b', 'c']) {
      const error = await caught(poll(web, `https://feeds.lumo.example/${path}`));
      expect(error.kind).toBe('forbidden');
    }
    expect(web.calls).toEqual([
      'https://feeds.lumo.example/a',
      'https://feeds.lumo.example/b',
      'https://feeds.lumo.example/c',
    ]);
    const followed = await poll(web, 'https://feeds.lumo.example/d');
    expect(followed.mentions).toHaveLength(4);
  });

  it('checks only literal addresses when no resolver is injected', async () => {
    const web = fakeWeb();
    // Without DNS the name cannot be judged: it is fetched (the lead injects a resolver on Node).
    await poll(web, 'https://intranet.lumo.example/feed', { resolveHost: undefined });
    expect(web.calls).toEqual(['https://intranet.lumo.example/feed']);
  });
});

describe('address classification', () => {
  it('lets public addresses through', () => {
    for (const address of [
      '93.184.216.34',
      '8.8.8.8',
      '172.32.0.1',
      '100.128.0.1',
      '2606:4700:4700::1111',
      '2a00:1450::1',
    ]) {
      expect(forbiddenAddressReason(address)).toBeNull();
    }
  });

  it('names why a special address is refused', () => {
    expect(forbiddenAddressReason('127.8.8.8')).toBe('a loopback address');
    expect(forbiddenAddressReason('::')).toBe('an unspecified address');
    expect(forbiddenAddressReason('::ffff:192.168.0.1')).toBe('a private network address');
    expect(forbiddenAddressReason('fe80::1%eth0')).toBe('a link-local address');
    expect(forbiddenAddressReason('ff02::1')).toBe('a multicast address');
    expect(forbiddenAddressReason('224.0.0.1')).toBe('a multicast address');
    expect(forbiddenAddressReason('not-an-ip')).toBe('it is not a valid IP address');
  });

  it('parses IPv6 in its written forms', () => {
    expect(parseIpv6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIpv6('2001:db8::8:800:200c:417a')).toEqual([0x2001, 0xdb8, 0, 0, 8, 0x800, 0x200c, 0x417a]);
    expect(parseIpv6('::ffff:10.0.0.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0001]);
    expect(parseIpv6('1:2:3:4:5:6:7:8:9')).toBeNull();
    expect(parseIpv6('1::2::3')).toBeNull();
    expect(parseIpv6('12345::')).toBeNull();
  });
});
