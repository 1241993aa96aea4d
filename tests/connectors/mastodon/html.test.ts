import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../../connectors/mastodon/html';
import { mapMastodonStatus, primaryLanguage, statusText } from '../../../connectors/mastodon/map';
import { mastodonStatusSchema } from '../../../connectors/mastodon/raw';
import { statusFixture } from './fixtures';

describe('htmlToText', () => {
  it("reduces the docs' example status to its text, with the full URL of the link", () => {
    const status = statusFixture('mastodon.social', { id: '103270115826048975' });
    expect(htmlToText(status.content)).toBe(
      '"I lost my inheritance with one wrong digit on my sort code"\n\nhttps://www.theguardian.com/money/2019/dec/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code',
    );
  });

  it('keeps line breaks and paragraphs, and collapses source whitespace', () => {
    expect(htmlToText('<p>one<br>two<br/>three</p><p>four\n   five</p><p></p><p>six</p>')).toBe(
      'one\ntwo\nthree\n\nfour five\n\nsix',
    );
    expect(htmlToText('<ul><li>a</li><li>b</li></ul><blockquote><p>quoted</p></blockquote>')).toBe(
      '- a\n- b\n\nquoted',
    );
    expect(htmlToText('<pre>  keep\n    indent</pre>')).toBe('keep\nindent');
  });

  it('decodes named, decimal and hex entities once, and leaves unknown ones as written', () => {
    expect(
      htmlToText('<p>caf&eacute; &amp;lt; &lt;b&gt; &#233;&#x1F600; &quot;q&quot; &#39;s&#39;</p>'),
    ).toBe('café &lt; <b> é😀 "q" \'s\'');
    expect(decodeEntities('&Ccedil;a &ouml; &AElig; &bogus; &qacute; &amp')).toBe(
      'Ça ö Æ &bogus; &qacute; &amp',
    );
    expect(decodeEntities('&#0; &#xD800; &#1114112;')).toBe('\ufffd \ufffd \ufffd');
  });

  it('writes mentions with the acct the status gives, so a remote user keeps its domain', () => {
    const html =
      '<p><span class="h-card" translate="no"><a href="https://social.example/@ana" class="u-url mention">@<span>ana</span></a></span> and <span class="h-card"><a href="https://x.example/@bo" class="u-url mention">@<span>bo</span></a></span> <a href="https://m.example/tags/lumo" class="mention hashtag" rel="tag">#<span>lumo</span></a></p>';
    expect(
      htmlToText(html, { mentions: [{ url: 'https://social.example/@ana', acct: 'ana@social.example' }] }),
    ).toBe('@ana@social.example and @bo #lumo');
  });

  it('never surfaces scripts, styles, comments or non-http link targets', () => {
    const html =
      '<p>hi<script>alert(1)</script><style>p{}</style><!-- secret --> <a href="javascript:alert(1)">click</a> <a href="https://lumo.example/help">our help page</a> <img src=x onerror=alert(1)></p>';
    expect(htmlToText(html)).toBe('hi click our help page (https://lumo.example/help)');
  });

  it('reads broken markup as text rather than losing it', () => {
    expect(htmlToText('a < b and c > d')).toBe('a < b and c > d');
    expect(htmlToText('<p>unclosed <a href="https://a.example">link')).toBe(
      'unclosed link (https://a.example)',
    );
    expect(htmlToText('<p>x<script>never closed')).toBe('x');
    expect(htmlToText('')).toBe('');
  });
});

describe('mapMastodonStatus', () => {
  it('puts the content warning in front and keeps the primary language subtag', () => {
    const status = mastodonStatusSchema.parse(
      statusFixture('m.example', {
        id: '1',
        spoiler_text: 'spoilers',
        content: '<p>the end</p>',
        language: 'pt-BR',
      }),
    );
    expect(statusText(status)).toBe('CW: spoilers\n\nthe end');
    expect(primaryLanguage('pt-BR')).toBe('pt');
    expect(primaryLanguage(null)).toBeNull();
    expect(primaryLanguage('???')).toBeNull();
  });

  it('maps a boost to the boosted status', () => {
    const original = statusFixture('m.example', { id: '10', content: '<p>original</p>' });
    const boost = statusFixture('m.example', { id: '11', content: '', reblog: original });
    const mention = mapMastodonStatus(mastodonStatusSchema.parse(boost), boost, null);
    expect(mention.externalId).toBe('10');
    expect(mention.text).toBe('original');
    expect(mention.raw).toBe(boost);
  });
});
