import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRssConnector, type RssConnectorOptions } from '../../../connectors/rss';
import { rssCursorSchema } from '../../../connectors/rss/raw';
import { ConnectorError, type FetchLike, type Mention, type PollInput } from '../../../connectors/types';
import { type FeedServerMock, startFeedServerMock } from './feed-server-mock';
import { LIFTOFF_RSS, latin1, RFC4287_ATOM, RSS1_RDF, rss } from './fixtures';

let server: FeedServerMock;
const NOW = new Date('2026-03-01T12:00:00.000Z');

beforeEach(async () => {
  server = await startFeedServerMock();
});

afterEach(async () => {
  await server.close();
});

function connector(options: Partial<RssConnectorOptions> = {}) {
  return createRssConnector({
    fetch: (input, init) => fetch(input, init),
    allowPrivateAddresses: true,
    now: () => NOW,
    ...options,
  });
}

function input(target: string, extra: Partial<PollInput> = {}): PollInput {
  return { kind: 'keyword', query: '', target, cursor: null, ...extra };
}

async function caught(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}

const ids = (mentions: Mention[]) => mentions.map((m) => m.externalId);

describe('rss connector: first poll', () => {
  it('normalises the RSS 2.0 sample, oldest first', async () => {
    server.feed('/liftoff.xml', LIFTOFF_RSS);

    const result = await connector().poll(input(server.url('/liftoff.xml')));

    expect(ids(result.mentions)).toEqual([
      'http://liftoff.msfc.nasa.gov/2003/05/20.html#item570',
      'http://liftoff.msfc.nasa.gov/2003/05/27.html#item571',
      'http://liftoff.msfc.nasa.gov/2003/05/30.html#item572',
      'http://liftoff.msfc.nasa.gov/2003/06/03.html#item573',
    ]);
    const starCity = result.mentions[3] as Mention;
    expect(starCity).toMatchObject({
      externalId: 'http://liftoff.msfc.nasa.gov/2003/06/03.html#item573',
      text:
        'Star City\n\nHow do Americans get ready to work with Russians aboard the International Space Station? ' +
        "They take a crash course in culture, language and protocol at Russia's Star City.",
      url: 'http://liftoff.msfc.nasa.gov/news/2003/news-starcity.asp',
      language: 'en',
      createdAt: '2003-06-03T09:39:21.000Z',
      author: {
        externalId: 'http://liftoff.msfc.nasa.gov/',
        handle: 'Liftoff News',
        displayName: 'Liftoff News',
        url: 'http://liftoff.msfc.nasa.gov/',
      },
      inReplyToId: null,
      threadRootId: 'http://liftoff.msfc.nasa.gov/2003/06/03.html#item573',
    });
    expect(starCity.raw).toMatchObject({
      format: 'rss',
      feedUrl: server.url('/liftoff.xml'),
      id: 'http://liftoff.msfc.nasa.gov/2003/06/03.html#item573',
      idIsPermaLink: true,
      published: 'Tue, 03 Jun 2003 09:39:21 GMT',
      title: { type: 'html', value: 'Star City' },
    });

    // The item without a title: its text is the description, its page the permalink guid.
    const eclipse = result.mentions[2] as Mention;
    expect(eclipse.text).toBe(
      'Sky watchers in Europe, Asia, and parts of Alaska and Canada will experience a partial eclipse of the Sun on Saturday, May 31st.',
    );
    expect(eclipse.url).toBe('http://liftoff.msfc.nasa.gov/2003/05/30.html#item572');

    const request = server.requests[0];
    expect(request?.method).toBe('GET');
    expect(request?.headers.accept).toContain('application/rss+xml');
    expect(request?.headers['user-agent']).toContain('Passerelle');
    expect(request?.headers['if-none-match']).toBeUndefined();

    const cursor = rssCursorSchema.parse(JSON.parse(result.nextCursor ?? ''));
    expect(cursor.url).toBe(server.url('/liftoff.xml'));
    expect(cursor.seen).toHaveLength(4);
    expect(cursor.newest).toBe('2003-06-03T09:39:21.000Z');
  });

  it('normalises the RFC 4287 Atom example (XHTML content, author uri)', async () => {
    server.feed('/atom', RFC4287_ATOM, { contentType: 'application/atom+xml' });

    const result = await connector().poll(input(server.url('/atom')));

    expect(result.mentions).toHaveLength(1);
    expect(result.mentions[0]).toMatchObject({
      externalId: 'tag:example.org,2003:3.2397',
      text: 'Atom draft-07 snapshot\n\n[Update: The Atom draft is finished.]',
      url: 'http://example.org/2005/04/02/atom',
      createdAt: '2003-12-13T12:29:29.000Z',
      author: {
        externalId: 'http://example.org/',
        handle: 'Mark Pilgrim',
        displayName: 'Mark Pilgrim',
        url: 'http://example.org/',
      },
      threadRootId: 'tag:example.org,2003:3.2397',
    });
    expect(result.mentions[0]?.raw).toMatchObject({ format: 'atom', feedTitle: 'dive into mark' });
  });

  it('reads RSS 1.0 (RDF) with dc:creator and dc:date', async () => {
    server.feed('/rdf', RSS1_RDF, { contentType: 'application/rdf+xml' });

    const result = await connector().poll(input(server.url('/rdf')));

    expect(result.mentions).toEqual([
      expect.objectContaining({
        externalId: 'http://xml.com/pub/2000/08/09/xslt/xslt.html',
        url: 'http://xml.com/pub/2000/08/09/xslt/xslt.html',
        createdAt: '2000-08-09T12:00:00.000Z',
        text: 'Processing Inclusions with XSLT\n\nProcessing document inclusions with general XML tools can be problematic.',
        author: expect.objectContaining({ handle: 'Bob DuCharme', displayName: 'Bob DuCharme' }),
      }),
    ]);
  });

  it('uses baseUrl as the feed address when the listener has no target', async () => {
    server.feed('/liftoff.xml', LIFTOFF_RSS);
    const result = await connector({ baseUrl: server.url('/liftoff.xml') }).poll({
      kind: 'keyword',
      query: '',
      cursor: null,
    });
    expect(result.mentions).toHaveLength(4);
  });

  it('refuses a listener without a feed address, without any request', async () => {
    const error = await caught(
      connector().poll({ kind: 'keyword', query: 'lumo', cursor: null, target: ' ' }),
    );
    expect(error.kind).toBe('forbidden');
    expect(error.message).toContain('feed address');
    expect(server.requests).toHaveLength(0);
  });
});

describe('rss connector: follow-up polls and cursor', () => {
  it('returns nothing new when the same feed is fetched again, then only the new item', async () => {
    server.feed('/liftoff.xml', LIFTOFF_RSS);
    const rssConnector = connector();
    const first = await rssConnector.poll(input(server.url('/liftoff.xml')));

    const again = await rssConnector.poll(input(server.url('/liftoff.xml'), { cursor: first.nextCursor }));
    expect(again.mentions).toEqual([]);

    const added = LIFTOFF_RSS.replace(
      '<item>',
      `<item><title>Launch delayed</title><link>http://liftoff.msfc.nasa.gov/news/2003/delay.asp</link>
       <pubDate>Wed, 11 Jun 2003 10:00:00 GMT</pubDate><guid>http://liftoff.msfc.nasa.gov/2003/06/11.html#item574</guid></item>
       <item>`,
    );
    server.feed('/liftoff.xml', added);
    const third = await rssConnector.poll(input(server.url('/liftoff.xml'), { cursor: again.nextCursor }));
    expect(ids(third.mentions)).toEqual(['http://liftoff.msfc.nasa.gov/2003/06/11.html#item574']);
    expect(rssCursorSchema.parse(JSON.parse(third.nextCursor ?? '')).newest).toBe('2003-06-11T10:00:00.000Z');
  });

  it('picks up once an item that appears later with an old date', async () => {
    server.feed(
      '/f',
      rss([
        { title: 'Fresh', guid: 'https://forum.lumo.example/t/2', pubDate: 'Sun, 01 Mar 2026 10:00:00 GMT' },
      ]),
    );
    const rssConnector = connector();
    const first = await rssConnector.poll(input(server.url('/f')));
    expect(first.mentions).toHaveLength(1);

    server.feed(
      '/f',
      rss([
        { title: 'Fresh', guid: 'https://forum.lumo.example/t/2', pubDate: 'Sun, 01 Mar 2026 10:00:00 GMT' },
        {
          title: 'Backdated',
          guid: 'https://forum.lumo.example/t/1',
          pubDate: 'Mon, 01 Jan 2024 10:00:00 GMT',
        },
      ]),
    );
    const second = await rssConnector.poll(input(server.url('/f'), { cursor: first.nextCursor }));
    expect(ids(second.mentions)).toEqual(['https://forum.lumo.example/t/1']);
    expect(second.mentions[0]?.createdAt).toBe('2024-01-01T10:00:00.000Z');

    const third = await rssConnector.poll(input(server.url('/f'), { cursor: second.nextCursor }));
    expect(third.mentions).toEqual([]);
    // The newest date does not move back for a backdated item.
    expect(rssCursorSchema.parse(JSON.parse(third.nextCursor ?? '')).newest).toBe('2026-03-01T10:00:00.000Z');
  });

  it('sends the stored ETag and keeps the cursor unchanged on 304', async () => {
    server.feed('/liftoff.xml', LIFTOFF_RSS, { etag: '"v1"' });
    const rssConnector = connector();
    const first = await rssConnector.poll(input(server.url('/liftoff.xml')));
    expect(rssCursorSchema.parse(JSON.parse(first.nextCursor ?? '')).etag).toBe('"v1"');

    const second = await rssConnector.poll(input(server.url('/liftoff.xml'), { cursor: first.nextCursor }));

    expect(server.requests[1]?.headers['if-none-match']).toBe('"v1"');
    expect(second).toEqual({ mentions: [], nextCursor: first.nextCursor });
  });

  it('sends the stored Last-Modified as If-Modified-Since', async () => {
    const lastModified = 'Tue, 10 Jun 2003 09:41:01 GMT';
    server.feed('/liftoff.xml', LIFTOFF_RSS, { lastModified });
    const rssConnector = connector();
    const first = await rssConnector.poll(input(server.url('/liftoff.xml')));
    const second = await rssConnector.poll(input(server.url('/liftoff.xml'), { cursor: first.nextCursor }));
    expect(server.requests[1]?.headers['if-modified-since']).toBe(lastModified);
    expect(second.nextCursor).toBe(first.nextCursor);
  });

  it('does not send validators of another feed address', async () => {
    server.feed('/a', LIFTOFF_RSS, { etag: '"a"' });
    server.feed('/b', LIFTOFF_RSS, { etag: '"a"' });
    const rssConnector = connector();
    const first = await rssConnector.poll(input(server.url('/a')));
    const moved = await rssConnector.poll(input(server.url('/b'), { cursor: first.nextCursor }));
    expect(server.requests[1]?.headers['if-none-match']).toBeUndefined();
    // Same guids (URIs): nothing new although the address changed.
    expect(moved.mentions).toEqual([]);
  });

  it('keeps the remembered ids bounded, but never forgets those still in the feed', async () => {
    const rssConnector = connector({ maxSeenIds: 3 });
    let cursor: string | null = null;
    for (let round = 0; round < 3; round++) {
      const items = Array.from({ length: 5 }, (_, i) => ({
        title: `Post ${round}-${i}`,
        guid: `https://forum.lumo.example/t/${round}-${i}`,
        pubDate: `Sun, 01 Mar 2026 0${round}:0${i}:00 GMT`,
      }));
      server.feed('/f', rss(items));
      const result = await rssConnector.poll(input(server.url('/f'), { cursor }));
      expect(result.mentions).toHaveLength(5);
      cursor = result.nextCursor;
      const again = await rssConnector.poll(input(server.url('/f'), { cursor }));
      expect(again.mentions).toEqual([]);
      expect(rssCursorSchema.parse(JSON.parse(cursor ?? '')).seen).toHaveLength(5);
    }
  });

  it('refuses a cursor it did not write without calling the network', async () => {
    const error = await caught(connector().poll(input(server.url('/f'), { cursor: 'abc' })));
    expect(error.kind).toBe('malformed');
    const wrongShape = await caught(connector().poll(input(server.url('/f'), { cursor: '{"v":1}' })));
    expect(wrongShape.kind).toBe('malformed');
    expect(server.requests).toHaveLength(0);
  });
});

describe('rss connector: keywords', () => {
  const items = [
    {
      title: 'Mon hub Lumo est hors ligne',
      guid: 'https://f.example/1',
      pubDate: 'Sun, 01 Mar 2026 08:00:00 GMT',
    },
    {
      title: 'Lumos and other spells',
      guid: 'https://f.example/2',
      pubDate: 'Sun, 01 Mar 2026 08:01:00 GMT',
    },
    {
      title: 'Question',
      description: 'Le CAFÉ de la gare a installé des ampoules',
      guid: 'https://f.example/3',
      pubDate: 'Sun, 01 Mar 2026 08:02:00 GMT',
    },
    {
      title: 'Review',
      description: 'Great customer service, fast refund',
      guid: 'https://f.example/4',
      pubDate: 'Sun, 01 Mar 2026 08:03:00 GMT',
    },
  ];

  it('matches any keyword as a whole word, ignoring case and accents', async () => {
    server.feed('/f', rss(items));
    const result = await connector().poll(
      input(server.url('/f'), { query: 'lumo, cafe OR "customer service"' }),
    );
    expect(ids(result.mentions)).toEqual([
      'https://f.example/1',
      'https://f.example/3',
      'https://f.example/4',
    ]);
  });

  it('matches everything with an empty query', async () => {
    server.feed('/f', rss(items));
    const result = await connector().poll(input(server.url('/f'), { query: '  ' }));
    expect(result.mentions).toHaveLength(4);
  });

  it('remembers the items that did not match, so they are not reconsidered', async () => {
    server.feed('/f', rss(items));
    const rssConnector = connector();
    const first = await rssConnector.poll(input(server.url('/f'), { query: '#lumo' }));
    expect(ids(first.mentions)).toEqual(['https://f.example/1']);
    expect(rssCursorSchema.parse(JSON.parse(first.nextCursor ?? '')).seen).toHaveLength(4);
  });
});

describe('rss connector: real-world shapes', () => {
  it('decodes ISO-8859-1 named in the XML declaration', async () => {
    const doc = rss([
      { title: 'Café déjà vu', description: 'Ça marche très bien', guid: 'https://f.example/1' },
    ]).replace('encoding="utf-8"', 'encoding="ISO-8859-1"');
    server.feed('/latin1', latin1(doc), { contentType: 'application/rss+xml' });
    const result = await connector().poll(input(server.url('/latin1'), { query: 'deja' }));
    expect(result.mentions[0]?.text).toBe('Café déjà vu\n\nÇa marche très bien');
  });

  it('decodes windows-1252 named in the Content-Type charset (curly quotes, euro)', async () => {
    const head = rss([{ title: 'PLACEHOLDER', guid: 'https://f.example/1' }]).replace('encoding="utf-8"', '');
    const [before, after] = head.split('PLACEHOLDER') as [string, string];
    const bytes = new Uint8Array([
      ...latin1(before),
      0x93, // “
      ...latin1('Prix'),
      0x94, // ”
      0x20,
      ...latin1('10 '),
      0x80, // €
      ...latin1(after),
    ]);
    server.feed('/cp1252', bytes, { contentType: 'text/xml; charset=windows-1252' });
    const result = await connector().poll(input(server.url('/cp1252')));
    expect(result.mentions[0]?.text).toBe('“Prix” 10 €');
  });

  it('reads UTF-8 bytes as UTF-8 even when the server labels them ISO-8859-1', async () => {
    server.feed('/mislabelled', rss([{ title: 'Zoë’s café', guid: 'https://f.example/1' }]), {
      contentType: 'application/xml; charset=ISO-8859-1',
    });
    const result = await connector().poll(input(server.url('/mislabelled')));
    expect(result.mentions[0]?.text).toBe('Zoë’s café');
  });

  it('decodes UTF-16 with a byte-order mark', async () => {
    const doc = rss([{ title: 'Ünïcödé', guid: 'https://f.example/1' }]).replace(
      'encoding="utf-8"',
      'encoding="utf-16"',
    );
    const bytes = new Uint8Array(2 + doc.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < doc.length; i++) {
      const code = doc.charCodeAt(i);
      bytes[2 + i * 2] = code & 0xff;
      bytes[3 + i * 2] = code >> 8;
    }
    server.feed('/utf16', bytes);
    const result = await connector().poll(input(server.url('/utf16')));
    expect(result.mentions[0]?.text).toBe('Ünïcödé');
  });

  it('resolves relative links against the feed address and xml:base, and drops non-http links', async () => {
    server.feed(
      '/forum/feed.xml',
      rss([
        { title: 'Relative', link: '/forum/t/42', guid: 'https://f.example/1' },
        { title: 'Sibling', link: 't/43', guid: 'https://f.example/2' },
        { title: 'Script', link: 'javascript:alert(1)', guid: 'f-3', guidIsPermaLink: false },
      ]),
    );
    const result = await connector().poll(input(server.url('/forum/feed.xml')));
    expect(result.mentions.map((m) => m.url)).toEqual([
      null,
      server.url('/forum/t/43'),
      server.url('/forum/t/42'),
    ]);

    server.feed(
      '/atom-base',
      `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.org/lumo/">
        <title>Lumo blog</title><link href="./"/>
        <entry xml:base="2024/"><id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id><title>Post</title>
          <link href="05/bulbs"/><updated>2024-05-02T10:00:00Z</updated></entry>
      </feed>`,
    );
    const atom = await connector().poll(input(server.url('/atom-base')));
    expect(atom.mentions[0]?.url).toBe('https://blog.example.org/lumo/2024/05/bulbs');
    expect(atom.mentions[0]?.author).toMatchObject({
      externalId: 'https://blog.example.org/lumo/',
      handle: 'Lumo blog',
    });
  });

  it('dates undated items at first sight, in a stable order, and does not return them twice', async () => {
    server.feed(
      '/undated',
      rss([
        { title: 'Newest undated', guid: 'https://f.example/c' },
        { title: 'Dated', guid: 'https://f.example/dated', pubDate: 'Sat, 28 Feb 2026 09:00:00 +0100' },
        { title: 'Middle undated', guid: 'https://f.example/b', pubDate: 'not a date' },
        { title: 'Oldest undated', guid: 'https://f.example/a' },
      ]),
    );
    const rssConnector = connector();
    const first = await rssConnector.poll(input(server.url('/undated')));
    expect(ids(first.mentions)).toEqual([
      'https://f.example/dated',
      'https://f.example/a',
      'https://f.example/b',
      'https://f.example/c',
    ]);
    expect(first.mentions.map((m) => m.createdAt)).toEqual([
      '2026-02-28T08:00:00.000Z',
      NOW.toISOString(),
      NOW.toISOString(),
      NOW.toISOString(),
    ]);
    const second = await rssConnector.poll(input(server.url('/undated'), { cursor: first.nextCursor }));
    expect(second.mentions).toEqual([]);
  });

  it('treats a date far in the future as missing', async () => {
    server.feed(
      '/future',
      rss([{ title: 'Scheduled', guid: 'https://f.example/1', pubDate: 'Fri, 01 Jan 2100 00:00:00 GMT' }]),
    );
    const result = await connector().poll(input(server.url('/future')));
    expect(result.mentions[0]?.createdAt).toBe(NOW.toISOString());
  });

  it('reduces CDATA and entity-escaped HTML to plain text, never keeping scripts', async () => {
    server.feed(
      '/html',
      rss([
        {
          title: 'AT&amp;amp;T &amp; Lumo: l&amp;#8217;offre',
          guid: 'https://f.example/1',
          description:
            '<![CDATA[<p>Bonjour&nbsp;!</p><p>Mon hub <b>Lumo</b> &eacute;tait <a href="https://lumo.example/hub">hors ligne</a><br/>depuis hier.</p><script>alert("x")</script><ul><li>un</li><li>deux</li></ul><!-- tracking -->]]>',
        },
        {
          title: 'Escaped',
          guid: 'https://f.example/2',
          description:
            '&lt;p&gt;5 &amp;lt; 6 &amp;amp; caf&amp;eacute; &amp;#146;ok&amp;#146;&lt;/p&gt;&lt;img src="x" onerror="alert(1)"&gt;',
        },
      ]),
    );
    const result = await connector().poll(input(server.url('/html')));
    const [first, second] = result.mentions;
    expect(second?.text).toBe(
      'AT&T & Lumo: l’offre\n\nBonjour !\n\nMon hub Lumo était hors ligne\ndepuis hier.\n\n- un\n- deux',
    );
    expect(first?.text).toBe('Escaped\n\n5 < 6 & café ’ok’');
  });

  it('uses the guid, else the link, else a stable hash as the id', async () => {
    const doc = rss([
      { title: 'Bare guid', guid: '42', guidIsPermaLink: false, link: 'https://f.example/42' },
      { title: 'Link only', link: 'https://f.example/43' },
      { title: 'Nothing but a title', pubDate: 'Sun, 01 Mar 2026 08:00:00 GMT' },
      { description: 'No title, no date, no link' },
    ]);
    server.feed('/ids', doc);
    const rssConnector = connector();
    const first = await rssConnector.poll(input(server.url('/ids')));
    const byText = Object.fromEntries(first.mentions.map((m) => [m.text, m.externalId]));
    expect(byText['Bare guid']).toBe(`${server.url('/ids')}#42`);
    expect(byText['Link only']).toBe('https://f.example/43');
    expect(byText['Nothing but a title']).toMatch(new RegExp(`^${server.url('/ids')}#hash-[0-9a-z]+$`));
    expect(byText['No title, no date, no link']).toMatch(/#hash-/);
    expect(byText['Nothing but a title']).not.toBe(byText['No title, no date, no link']);

    const second = await rssConnector.poll(input(server.url('/ids'), { cursor: first.nextCursor }));
    expect(second.mentions).toEqual([]);
  });

  it('takes the author from dc:creator, the RSS author field or the Atom author', async () => {
    server.feed(
      '/authors',
      rss([
        { title: 'A', guid: 'https://f.example/1', extra: '<dc:creator>camille_lrt</dc:creator>' },
        {
          title: 'B',
          guid: 'https://f.example/2',
          extra: '<author>sarah@example.com (Sarah Whitfield)</author>',
        },
      ]),
    );
    const result = await connector().poll(input(server.url('/authors')));
    const byText = Object.fromEntries(result.mentions.map((m) => [m.text, m.author]));
    expect(byText.A).toEqual({
      externalId: 'https://forum.lumo.example/#author:camille_lrt',
      handle: 'camille_lrt',
      displayName: 'camille_lrt',
      url: null,
    });
    expect(byText.B).toMatchObject({ handle: 'Sarah Whitfield', displayName: 'Sarah Whitfield' });
    expect(result.mentions[0]?.language).toBe('fr');
  });

  it('prefers content:encoded to the description as the text', async () => {
    server.feed(
      '/encoded',
      rss([
        {
          title: 'Full',
          guid: 'https://f.example/1',
          description: 'Short summary',
          extra:
            '<content:encoded><![CDATA[<p>The whole <em>article</em> about Lumo.</p>]]></content:encoded>',
        },
      ]),
    );
    const result = await connector().poll(input(server.url('/encoded'), { query: 'summary' }));
    // The summary still counts for matching, but the text is the full content.
    expect(result.mentions[0]?.text).toBe('Full\n\nThe whole article about Lumo.');
  });

  it('keeps Atom threading (thr:in-reply-to) as the parent', async () => {
    server.feed(
      '/comments',
      `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0">
        <title>Comments</title>
        <entry><id>tag:blog.example,2024:comment-7</id><title type="html">Re: bulbs</title>
          <thr:in-reply-to ref="tag:blog.example,2024:post-1" href="https://blog.example/post-1"/>
          <content type="html">&lt;p&gt;Same here&lt;/p&gt;</content><updated>2024-05-02T10:00:00Z</updated></entry>
      </feed>`,
    );
    const result = await connector().poll(input(server.url('/comments')));
    expect(result.mentions[0]).toMatchObject({
      text: 'Re: bulbs\n\nSame here',
      inReplyToId: 'tag:blog.example,2024:post-1',
      threadRootId: 'tag:blog.example,2024:post-1',
    });
  });
});

describe('rss connector: one unreadable item', () => {
  it('quarantines an item with nothing to read, keeps the others, and does not quarantine it twice', async () => {
    server.feed(
      '/f',
      rss([
        {
          title: 'Lumo hub offline',
          guid: 'https://forum.lumo.example/t/3',
          pubDate: 'Sun, 01 Mar 2026 11:00:00 GMT',
        },
        {
          guid: 'https://forum.lumo.example/t/2',
          guidIsPermaLink: false,
          pubDate: 'Sun, 01 Mar 2026 10:00:00 GMT',
        },
        {
          title: 'Lumo app crash',
          guid: 'https://forum.lumo.example/t/1',
          pubDate: 'Sun, 01 Mar 2026 09:00:00 GMT',
        },
      ]),
    );
    const rssConnector = connector();
    const first = await rssConnector.poll(input(server.url('/f')));
    expect(ids(first.mentions)).toEqual(['https://forum.lumo.example/t/1', 'https://forum.lumo.example/t/3']);
    expect(first.rejected).toEqual([
      {
        externalId: 'https://forum.lumo.example/t/2',
        reason: expect.stringContaining('nothing to read'),
        raw: expect.objectContaining({ id: 'https://forum.lumo.example/t/2' }),
      },
    ]);
    const again = await rssConnector.poll(input(server.url('/f'), { cursor: first.nextCursor }));
    expect(again.mentions).toEqual([]);
    expect(again.rejected).toBeUndefined();
  });
});

describe('rss connector: malformed feeds', () => {
  const cases: Array<[string, string, string]> = [
    ['a truncated feed', LIFTOFF_RSS.slice(0, LIFTOFF_RSS.length - 40), 'cut off'],
    [
      'an HTML page',
      '<!DOCTYPE html><html><head><title>Lumo</title></head><body>Hi</body></html>',
      'web page',
    ],
    ['JSON', '{"items": []}', 'not valid XML'],
    ['an empty body', '', 'empty'],
    ['another XML vocabulary', '<?xml version="1.0"?><urlset><url/></urlset>', '<urlset>'],
  ];
  for (const [what, body, words] of cases) {
    it(`reports ${what} as malformed`, async () => {
      server.feed('/bad', body);
      const error = await caught(connector().poll(input(server.url('/bad'))));
      expect(error.kind).toBe('malformed');
      expect(error.message).toContain(words);
    });
  }

  it('refuses a feed larger than the cap, announced or streamed', async () => {
    server.feed('/big', LIFTOFF_RSS);
    const announced = await caught(connector({ maxBytes: 1000 }).poll(input(server.url('/big'))));
    expect(announced.kind).toBe('malformed');
    expect(announced.message).toContain('larger than 1000 bytes');

    server.route('/endless', { stream: { chunk: '<item>'.padEnd(64 * 1024, ' '), count: 200 } });
    const streamed = await caught(connector({ maxBytes: 256 * 1024 }).poll(input(server.url('/endless'))));
    expect(streamed.kind).toBe('malformed');
    expect(streamed.message).toContain('larger than 256 KB');
  });

  it('refuses an encoding it cannot read', async () => {
    const doc = rss([{ title: 'x', guid: 'https://f.example/1' }]).replace(
      'encoding="utf-8"',
      'encoding="x-klingon"',
    );
    server.feed('/klingon', new Uint8Array([...latin1(doc), 0xff]), { contentType: 'text/xml' });
    const error = await caught(connector().poll(input(server.url('/klingon'))));
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('x-klingon');
  });
});

describe('rss connector: HTTP failures', () => {
  it('maps 404 to forbidden, 401 to auth, 500 to transient', async () => {
    server.route('/gone', { status: 404 });
    server.route('/login', { status: 401 });
    server.route('/broken', { status: 500, body: 'oops' });
    const rssConnector = connector();
    const notFound = await caught(rssConnector.poll(input(server.url('/gone'))));
    expect(notFound).toMatchObject({ kind: 'forbidden', status: 404, network: 'rss' });
    expect(notFound.message).toContain('the feed was not found');
    expect((await caught(rssConnector.poll(input(server.url('/login'))))).kind).toBe('auth');
    expect((await caught(rssConnector.poll(input(server.url('/broken'))))).kind).toBe('transient');
  });

  it('keeps the Retry-After of a 503 as retryAt', async () => {
    server.route('/maintenance', { status: 503, headers: { 'retry-after': '120' } });
    const error = await caught(connector().poll(input(server.url('/maintenance'))));
    expect(error.kind).toBe('transient');
    expect(error.retryAt?.toISOString()).toBe(new Date(NOW.getTime() + 120_000).toISOString());
  });

  it('maps 429 to rate_limited and refuses the same host until then, without a request', async () => {
    server.route('/busy', { status: 429, headers: { 'retry-after': '300' } });
    server.feed('/liftoff.xml', LIFTOFF_RSS);
    const rssConnector = connector();

    const error = await caught(rssConnector.poll(input(server.url('/busy'))));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAt?.toISOString()).toBe(new Date(NOW.getTime() + 300_000).toISOString());
    expect(rssConnector.rateLimit()).toEqual({ remaining: 0, resetAt: new Date(NOW.getTime() + 300_000) });

    const again = await caught(rssConnector.poll(input(server.url('/liftoff.xml'))));
    expect(again.kind).toBe('rate_limited');
    expect(server.requests).toHaveLength(1);
  });

  it("does not hold back other hosts during one host's wait", async () => {
    server.route('/busy', { status: 429, headers: { 'retry-after': '300' } });
    server.feed('/liftoff.xml', LIFTOFF_RSS);
    const rssConnector = connector({ fetch: hostRewritingFetch('feeds.example.net', server.origin) });
    await caught(rssConnector.poll(input(server.url('/busy'))));
    const other = await rssConnector.poll(input('http://feeds.example.net/liftoff.xml'));
    expect(other.mentions).toHaveLength(4);
  });

  it('waits a conservative minute after a 429 without Retry-After', async () => {
    server.route('/busy', { status: 429 });
    const error = await caught(connector().poll(input(server.url('/busy'))));
    expect(error.retryAt?.toISOString()).toBe(new Date(NOW.getTime() + 60_000).toISOString());
  });

  it('maps a timeout and a refused connection to transient', async () => {
    server.route('/slow', { body: LIFTOFF_RSS, delayMs: 500 });
    const started = Date.now();
    const slow = await caught(connector({ timeoutMs: 50 }).poll(input(server.url('/slow'))));
    expect(slow.kind).toBe('transient');
    expect(slow.message).toContain('did not answer within 50 ms');
    expect(Date.now() - started).toBeLessThan(400);

    const url = server.url('/liftoff.xml');
    await server.close();
    const refused = await caught(connector().poll(input(url)));
    expect(refused.kind).toBe('transient');
    server = await startFeedServerMock();
  });

  it('follows redirects, reading relative links against the final address', async () => {
    server.route('/old', { status: 301, headers: { location: '/moved/feed.xml' } });
    server.feed('/moved/feed.xml', rss([{ title: 'Moved', link: 'post/1', guid: 'https://f.example/1' }]));
    const result = await connector().poll(input(server.url('/old')));
    expect(result.mentions[0]?.url).toBe(server.url('/moved/post/1'));
    expect(server.requests.map((r) => r.path)).toEqual(['/old', '/moved/feed.xml']);
  });

  it('gives up after five redirects and refuses a redirect to another scheme', async () => {
    for (let i = 0; i < 7; i++) server.route(`/r${i}`, { status: 302, headers: { location: `/r${i + 1}` } });
    const loop = await caught(connector().poll(input(server.url('/r0'))));
    expect(loop.kind).toBe('forbidden');
    expect(loop.message).toContain('more than 5 times');
    expect(server.requests).toHaveLength(6);

    server.route('/ftp', { status: 302, headers: { location: 'ftp://files.example.com/feed.xml' } });
    const ftp = await caught(connector().poll(input(server.url('/ftp'))));
    expect(ftp.kind).toBe('forbidden');
    expect(ftp.message).toContain('http:// or https://');
  });
});

describe('rss connector: read-only', () => {
  it('says so before anyone writes, and refuses to reply', async () => {
    const rssConnector = connector();
    expect(rssConnector.canReply).toBe(false);
    expect(rssConnector.limits.max).toBe(0);
    expect(rssConnector.checkReply({ text: 'hi', raw: {} }, { handle: 'lumo' })).toEqual({
      allowed: false,
      reason: expect.stringContaining('read-only'),
    });
    const error = await caught(
      rssConnector.reply({ inReplyTo: { externalId: 'x' }, text: 'hello', idempotencyKey: 'k' }),
    );
    expect(error.kind).toBe('unsupported');
    expect(server.requests).toHaveLength(0);
  });
});

/** A fetch that pretends `hostname` is served by the local mock. */
function hostRewritingFetch(hostname: string, origin: string): FetchLike {
  return (request, init) => {
    const url = new URL(String(request));
    if (url.hostname !== hostname) return fetch(request, init);
    return fetch(`${origin}${url.pathname}${url.search}`, init);
  };
}
