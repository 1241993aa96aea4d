import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../../connectors/rss/dates';
import { decodeFeed } from '../../../connectors/rss/decode';
import { decodeEntities, htmlToText } from '../../../connectors/rss/html-text';
import { keywordMatcher, parseKeywords } from '../../../connectors/rss/keywords';
import { FeedFormatError, parseFeed } from '../../../connectors/rss/parse-feed';
import { latin1 } from './fixtures';

describe('htmlToText', () => {
  it('keeps paragraphs and line breaks, folds the rest of the whitespace', () => {
    expect(
      htmlToText('First   line\n of text<p>Second<br>line</p>\n\n<div>Third</div><div>Fourth</div>'),
    ).toBe('First line of text\n\nSecond\nline\n\nThird\nFourth');
  });

  it('reads Hacker News comment markup: bare <p>, <i>, shortened links, <pre><code>', () => {
    const html =
      'I tried <i>Lumo</i> &amp; it failed.<p>See <a href="https:&#x2F;&#x2F;example.com&#x2F;a&#x2F;very&#x2F;long&#x2F;path&#x2F;to&#x2F;the&#x2F;issue" rel="nofollow">https:&#x2F;&#x2F;example.com&#x2F;a&#x2F;very&#x2F;long&#x2F;p...</a> and <a href="https://lumo.example">their site</a><p><pre><code>  sudo lumo  --reset\n  done\n</code></pre>';
    expect(htmlToText(html)).toBe(
      'I tried Lumo & it failed.\n\nSee https://example.com/a/very/long/path/to/the/issue and their site\n\nsudo lumo --reset\ndone',
    );
  });

  it('drops scripts, styles, comments and tags, never their attributes', () => {
    expect(
      htmlToText(
        '<style>p{color:red}</style><p onclick="steal()">Hi<script>alert("x")</script><!-- hidden --></p><img src=x onerror=alert(1)><iframe src="https://evil.example">inner</iframe>',
      ),
    ).toBe('Hi');
  });

  it('keeps a lone "<" that is not a tag, and unknown entities as written', () => {
    expect(htmlToText('5 < 6 and 7 > 3 &unknown; &amp;')).toBe('5 < 6 and 7 > 3 &unknown; &');
  });

  it('writes lists as dashes', () => {
    expect(htmlToText('<ul><li>one</li><li>two</li></ul>after')).toBe('- one\n- two\nafter');
  });

  it('never throws on broken markup', () => {
    expect(htmlToText('<p>open <b>bold <a href="x">link')).toBe('open bold link');
    expect(htmlToText('<script>never closed')).toBe('');
    expect(htmlToText('')).toBe('');
  });
});

describe('decodeEntities', () => {
  it('decodes named, decimal and hex references once', () => {
    expect(decodeEntities('&eacute;t&eacute; &#233; &#xE9; &amp;lt; &hellip; &euro;')).toBe(
      'été é é &lt; … €',
    );
  });

  it('reads C1 references as windows-1252 and replaces impossible code points', () => {
    expect(decodeEntities('&#147;quoted&#148; &#128; &#0; &#xD800; &#1114112;')).toBe(
      '“quoted” € \ufffd \ufffd \ufffd',
    );
  });
});

describe('parseFeedDate', () => {
  const cases: Array<[string, string | null]> = [
    ['Tue, 03 Jun 2003 09:39:21 GMT', '2003-06-03T09:39:21.000Z'],
    ['Tue, 3 Jun 2003 09:39 +0200', '2003-06-03T07:39:00.000Z'],
    ['03 Jun 03 09:39:21 EST', '2003-06-03T14:39:21.000Z'],
    ['Sat, 07 Sep 2002 00:00:01 PDT', '2002-09-07T07:00:01.000Z'],
    ['Mon, 01 January 2024 10:00:00 +01:00', '2024-01-01T09:00:00.000Z'],
    ['mon, 01 jan 2024 10:00:00 z', '2024-01-01T10:00:00.000Z'],
    ['2024-03-05T14:03:00+01:00', '2024-03-05T13:03:00.000Z'],
    ['2024-03-05T14:03:00.123Z', '2024-03-05T14:03:00.123Z'],
    ['2024-03-05 14:03:00', '2024-03-05T14:03:00.000Z'],
    ['2024-03-05', '2024-03-05T00:00:00.000Z'],
    ['Thu, 31 Feb 2024 10:00:00 GMT', null],
    ['yesterday', null],
    ['', null],
  ];
  for (const [text, expected] of cases) {
    it(`reads "${text}"`, () => {
      expect(parseFeedDate(text)?.toISOString() ?? null).toBe(expected);
    });
  }
});

describe('decodeFeed', () => {
  it('prefers the Content-Type charset to the declaration for legacy bytes', () => {
    const bytes = latin1('<?xml version="1.0" encoding="utf-8"?><rss>caf\u00e9</rss>');
    expect(decodeFeed(bytes, 'text/xml; charset="ISO-8859-1"')).toEqual({
      text: '<?xml version="1.0" encoding="utf-8"?><rss>café</rss>',
      encoding: 'windows-1252',
    });
  });

  it('falls back to windows-1252 for unlabelled bytes that are not UTF-8', () => {
    expect(decodeFeed(new Uint8Array([0x3c, 0x61, 0x3e, 0x92, 0x3c, 0x2f, 0x61, 0x3e]), null).text).toBe(
      '<a>’</a>',
    );
  });

  it('strips a UTF-8 byte-order mark', () => {
    expect(decodeFeed(new Uint8Array([0xef, 0xbb, 0xbf, 0x3c, 0x61, 0x2f, 0x3e]), null).text).toBe('<a/>');
  });

  it('reads another declared encoding through TextDecoder', () => {
    const bytes = new Uint8Array([
      ...latin1('<?xml version="1.0" encoding="iso-8859-15"?><a>'),
      0xa4,
      ...latin1('</a>'),
    ]);
    expect(decodeFeed(bytes, null).text).toContain('<a>€</a>');
  });
});

describe('keywords', () => {
  it('parses words, phrases and commas, dropping OR, # and @', () => {
    expect(parseKeywords('Lumo, "service client" OR #LumoPlus @lumo_fr  Café')).toEqual([
      'lumo',
      'service client',
      'lumoplus',
      'lumo_fr',
      'cafe',
    ]);
  });

  it('matches whole words only, ignoring case and accents', () => {
    const matcher = keywordMatcher('lumo "service  client" été');
    expect(matcher.matches('Le SERVICE\nclient est lent')).toBe(true);
    expect(matcher.matches('#Lumo!')).toBe(true);
    expect(matcher.matches("l'ETE arrive")).toBe(true);
    expect(matcher.matches('Lumos and illumination')).toBe(false);
  });
});

describe('parseFeed safety', () => {
  it('never expands DOCTYPE entities ("billion laughs")', () => {
    const doc = `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<rss version="2.0"><channel><title>t</title><item><title>&c;</title><guid>https://f.example/1</guid></item></channel></rss>`;
    const feed = parseFeed(doc, 'https://f.example/feed');
    expect(feed.items[0]?.title?.value).toBe('&c;');
  });

  it('refuses element names that would pollute object prototypes', () => {
    const doc = '<rss><channel><item><__proto__>x</__proto__></item></channel></rss>';
    expect(() => parseFeed(doc, 'https://f.example/feed')).toThrow(FeedFormatError);
  });

  it('refuses absurdly deep nesting instead of recursing without end', () => {
    const deep = `<rss><channel><item><description>${'<b>'.repeat(500)}x${'</b>'.repeat(500)}</description></item></channel></rss>`;
    expect(() => parseFeed(deep, 'https://f.example/feed')).toThrow(FeedFormatError);
  });
});
