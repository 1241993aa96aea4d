import { describe, expect, it } from 'vitest';
import { blueskyPostUrl, mapBlueskyPost, primaryLanguage, sortTime } from '../../../connectors/bluesky/map';
import { profileSchema } from '../../../connectors/bluesky/raw';
import { rkeyFromIdempotencyKey, TID_PATTERN } from '../../../connectors/bluesky/rkey';
import {
  buildFacets,
  byteRange,
  findSpans,
  isValidHandle,
  measureBlueskyText,
  utf8Length,
} from '../../../connectors/bluesky/text';
import { alice, profile } from './fixtures';

describe('bluesky text length', () => {
  it('counts graphemes, and a text over 3,000 bytes as one over the limit', () => {
    expect(measureBlueskyText('café 👩‍👩‍👧‍👦 🇫🇷')).toBe(8);
    expect(measureBlueskyText('a'.repeat(300))).toBe(300);
    expect(utf8Length('😀'.repeat(750))).toBe(3000);
    expect(measureBlueskyText('😀'.repeat(750))).toBe(750);
    expect(measureBlueskyText(`${'😀'.repeat(750)}a`)).toBe(301);
  });
});

describe('bluesky facets', () => {
  it('gives UTF-8 byte offsets past emoji and accents', async () => {
    const text =
      '🎉 Merci Zoé ! Détails : https://lumo.example/état?x=1 (voir aussi https://lumo.example/faq).';
    const facets = await buildFacets(text, async () => null);
    const bytes = Buffer.from(text, 'utf8');
    expect(facets.map((f) => bytes.subarray(f.index.byteStart, f.index.byteEnd).toString('utf8'))).toEqual([
      'https://lumo.example/état?x=1',
      'https://lumo.example/faq',
    ]);
    // '🎉' is 4 bytes and 2 UTF-16 units; 'é' 2 bytes and 1 unit: string indices would be off.
    expect(facets[0]?.index.byteStart).toBe(text.indexOf('https') + 2 + 1 + 1);
    expect(facets[0]?.features).toEqual([
      { $type: 'app.bsky.richtext.facet#link', uri: 'https://lumo.example/état?x=1' },
    ]);
  });

  it('finds mentions of valid handles only, and tags that are not numbers', () => {
    const spans = findSpans(
      'hi @alice.bsky.social, @bob and mail me@lumo.example (@carol.example.com) #LumoHub #42 ＃café.',
    );
    expect(spans.map((s) => [s.kind, s.value])).toEqual([
      ['mention', 'alice.bsky.social'],
      ['mention', 'carol.example.com'],
      ['tag', 'LumoHub'],
      ['tag', 'café'],
    ]);
    expect(isValidHandle('alice.bsky.social')).toBe(true);
    expect(isValidHandle('bob')).toBe(false);
    expect(isValidHandle('x.123')).toBe(false);
    expect(byteRange('é@a.io', 1, 6)).toEqual({ byteStart: 2, byteEnd: 7 });
  });

  it('drops a mention whose handle does not resolve, keeping the others', async () => {
    const facets = await buildFacets('@alice.bsky.social @ghost.example.org', async (handle) =>
      handle === 'alice.bsky.social' ? alice().did : null,
    );
    expect(facets).toEqual([
      {
        index: { byteStart: 0, byteEnd: 18 },
        features: [{ $type: 'app.bsky.richtext.facet#mention', did: alice().did }],
      },
    ]);
  });
});

describe('bluesky record keys', () => {
  it('derives a valid TID from the idempotency key, the same one on every retry', async () => {
    const keys = await Promise.all(
      ['reply-1', 'reply-1', 'reply-2', '', 'ünïcödé 💡'].map(rkeyFromIdempotencyKey),
    );
    for (const key of keys) expect(key).toMatch(TID_PATTERN);
    expect(keys[0]).toBe(keys[1]);
    expect(new Set(keys).size).toBe(4);
  });
});

describe('bluesky mapping', () => {
  it('falls back to the DID for an invalid handle and to indexedAt for an unreadable createdAt', () => {
    const author = profileSchema.parse(profile('handle.invalid', 'did:plc:zzzzzzzzzzzzzzzzzzzzzzzz'));
    const post = {
      uri: 'at://did:plc:zzzzzzzzzzzzzzzzzzzzzzzz/app.bsky.feed.post/3l6oveex3ii2l',
      author,
      record: { text: 'hi', createdAt: 'yesterday', langs: ['pt-BR'] },
      indexedAt: '2026-02-01T10:00:00.000Z',
    };
    const mention = mapBlueskyPost(post, post);
    expect(mention.createdAt).toBe('2026-02-01T10:00:00.000Z');
    expect(mention.author.handle).toBe(author.did);
    expect(mention.url).toBe(`https://bsky.app/profile/${encodeURIComponent(author.did)}/post/3l6oveex3ii2l`);
    expect(mention.language).toBe('pt');
    expect(primaryLanguage([])).toBeNull();
    expect(blueskyPostUrl(author, 'not-an-at-uri')).toBeNull();
  });

  it('orders by the earlier of indexedAt and createdAt, as sort=latest does', () => {
    const at = (createdAt: string) =>
      sortTime({ indexedAt: '2026-02-01T10:00:00.000Z', record: { createdAt } });
    expect(at('2026-02-01T09:59:00.000Z')).toBe(Date.parse('2026-02-01T09:59:00.000Z'));
    expect(at('2030-01-01T00:00:00.000Z')).toBe(Date.parse('2026-02-01T10:00:00.000Z'));
    expect(at('garbage')).toBe(Date.parse('2026-02-01T10:00:00.000Z'));
  });
});
