/**
 * DNS rebinding: a feed's name resolves to a public address when the connector checks it, then to
 * this machine when fetch connects. The Node runtime's feed fetch checks the address it connects
 * to. The "DNS" here is an injected lookup; the server it points to is a real one on 127.0.0.1.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRssConnector } from '../../connectors/rss';
import { ConnectorError } from '../../connectors/types';
import { type LookupAll, publicOnlyFetch } from '../../src/entry/public-only-fetch';
import { LIFTOFF_RSS } from '../connectors/rss/fixtures';

let server: Server;
let port: number;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(LIFTOFF_RSS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** A name server that answers this machine for every name: the second answer of a rebinding. */
const toLoopback: LookupAll = (_host, _options, callback) =>
  callback(null, [{ address: '127.0.0.1', family: 4 }]);

describe('the feed fetch of the Node runtime', () => {
  it('refuses to connect when the name resolves to a private address, and nothing reaches it', async () => {
    const before = hits.length;
    const fetch = publicOnlyFetch({ lookup: toLoopback });
    const error = await fetch(`http://feeds.lumo.example:${port}/feed.xml`).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error & { cause?: unknown }).cause)).toContain(
      'refused to connect to feeds.lumo.example: it now resolves to 127.0.0.1, a loopback address',
    );
    expect(hits.length).toBe(before);
  });

  it('connects where the address is allowed (the same server, told it is public)', async () => {
    const fetch = publicOnlyFetch({ lookup: toLoopback, forbidden: () => null });
    const res = await fetch(`http://feeds.lumo.example:${port}/allowed.xml`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<rss');
    expect(hits).toContain('/allowed.xml');
  });

  it('closes the rebinding gap of the RSS connector: the check saw a public address, the socket did not go', async () => {
    const feed = `http://feeds.lumo.example:${port}/feed.xml`;
    const rssWith = (fetch: ReturnType<typeof publicOnlyFetch>) =>
      createRssConnector({
        fetch,
        // The connector's own check: a public address the first time the name is asked.
        resolveHost: async () => ['93.184.216.34'],
      }).poll({ kind: 'keyword', query: '', target: feed, cursor: null });

    // Without the check at connection time, the rebinding works: the feed on this machine is read.
    const before = hits.length;
    const read = await rssWith(publicOnlyFetch({ lookup: toLoopback, forbidden: () => null }));
    expect(read.mentions.length).toBeGreaterThan(0);
    expect(hits.length).toBe(before + 1);

    const error = await rssWith(publicOnlyFetch({ lookup: toLoopback })).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).message).toContain('could not connect to the feed server');
    expect(hits.length).toBe(before + 1);
  });
});
