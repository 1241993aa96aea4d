/**
 * Client of the simulated public network that Passerelle serves itself in demo mode. It is written
 * like any real connector (HTTP only, zod-validated payloads) so the demo exercises the same path.
 */
import type { z } from 'zod';
import { rateLimitHeaderSpecs, requestJson } from '../http';
import { mapItems, type RejectedItem, splitItems, withRejected } from '../items';
import {
  type Connector,
  ConnectorError,
  type FetchLike,
  type PollInput,
  type PollResult,
  type RateLimitState,
  type ReplyInput,
  type ReplyResult,
  type TextLimits,
} from '../types';
import { demoPostUrl, demoPublicPageUrl, mapDemoPost } from './map';
import {
  createPostResponseSchema,
  DEMO_IDEMPOTENCY_HEADER,
  DEMO_MAX_TEXT_LENGTH,
  DEMO_PAGE_SIZE_MAX,
  listPostsEnvelopeSchema,
  measureDemoText,
  type RawPost,
  rawPostSchema,
} from './raw';

export interface DemoConnectorOptions {
  /** The API base, e.g. `http://localhost:3000/demo-network/api`. */
  baseUrl: string;
  fetch: FetchLike;
  timeoutMs?: number;
  /** Posts asked per page, 1..100. */
  pageSize?: number;
  /**
   * Pages followed in one poll. A long backlog is drained over several polls rather than one
   * unbounded call; the cursor returned still covers exactly what was returned.
   */
  maxPages?: number;
  now?: () => Date;
}

export const demoTextLimits: TextLimits = { max: DEMO_MAX_TEXT_LENGTH, measure: measureDemoText };

const NETWORK = 'demo';

export function createDemoConnector(options: DemoConnectorOptions): Connector {
  const apiBase = options.baseUrl.replace(/\/+$/, '');
  const publicPage = demoPublicPageUrl(apiBase);
  const pageSize = Math.min(
    Math.max(Math.floor(options.pageSize ?? DEMO_PAGE_SIZE_MAX), 1),
    DEMO_PAGE_SIZE_MAX,
  );
  const maxPages = Math.max(1, Math.floor(options.maxPages ?? 10));
  let lastRateLimit: RateLimitState = { remaining: null, resetAt: null };

  const common = {
    network: NETWORK,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    rateLimitHeaders: rateLimitHeaderSpecs.demo,
    onRateLimit: (state: RateLimitState) => {
      lastRateLimit = state;
    },
    now: options.now,
  } as const;

  async function poll(input: PollInput): Promise<PollResult> {
    let after = parseCursor(input.cursor);
    const query = input.kind === 'hashtag' ? input.query.trim().replace(/^#/, '') : input.query.trim();
    if (query === '') throw new ConnectorError(NETWORK, 'malformed', 'empty listening query');
    const ownHandle = normaliseHandle(input.account?.handle);

    const seen = new Set<string>();
    const posts: RawPost[] = [];
    const rejected: RejectedItem[] = [];
    let maxSeq = after;
    const pages = Math.max(1, Math.min(maxPages, Math.floor(input.maxPages ?? maxPages)));
    for (let page = 0; page < pages; page++) {
      const url = new URL(`${apiBase}/posts`);
      if (after !== null) url.searchParams.set('after', String(after));
      url.searchParams.set('limit', String(pageSize));
      url.searchParams.set('q', query);
      url.searchParams.set('kind', input.kind);
      const response = await requestJson({ ...common, url, signal: input.signal });
      const body = parseBody(listPostsEnvelopeSchema, response.body, 'GET /posts');
      const items = splitItems(rawPostSchema, body.posts);
      rejected.push(...items.rejected);
      // A quarantined post still moves the cursor when its seq is readable, else it comes back each poll.
      for (const bad of items.rejected) {
        const seq = (bad.raw as { seq?: unknown } | null)?.seq;
        if (
          Number.isSafeInteger(seq) &&
          (seq as number) >= 0 &&
          (maxSeq === null || (seq as number) > maxSeq)
        )
          maxSeq = seq as number;
      }
      for (const { item: post } of items.valid) {
        if (maxSeq === null || post.seq > maxSeq) maxSeq = post.seq;
        if (seen.has(post.id)) continue;
        seen.add(post.id);
        posts.push(post);
      }
      if (body.next === null) break;
      const next = parseCursor(body.next);
      // A server that does not move forward would make every poll spin through maxPages of the same page.
      if (next === null || (after !== null && next <= after)) {
        throw new ConnectorError(
          NETWORK,
          'malformed',
          `demo API returned a next cursor that does not advance`,
        );
      }
      after = next;
    }

    // The brand's own replies match its listeners too: returning them would open cases on ourselves.
    const deleted = posts.filter((post) => post.deleted === true).map((post) => post.id);
    const kept = posts
      .filter((post) => post.deleted !== true)
      .filter((post) => !post.byBrand && normaliseHandle(post.author.handle) !== ownHandle)
      .sort((a, b) => a.seq - b.seq);
    const mentions = mapItems(
      kept.map((post) => ({ item: post, raw: post })),
      (post) => mapDemoPost(post, publicPage),
      rejected,
    );
    return {
      mentions,
      nextCursor: maxSeq === null ? null : String(maxSeq),
      ...withRejected(rejected),
      ...(deleted.length > 0 ? { deleted } : {}),
    };
  }

  async function reply(input: ReplyInput): Promise<ReplyResult> {
    const handle = normaliseHandle(input.account?.handle);
    if (handle === null) throw new ConnectorError(NETWORK, 'auth', 'no demo account to reply from');
    const length = measureDemoText(input.text);
    // Refused here with the network's own words rather than spending a call that cannot succeed.
    if (input.text.trim() === '') throw new ConnectorError(NETWORK, 'forbidden', 'text is empty');
    if (length > DEMO_MAX_TEXT_LENGTH) {
      throw new ConnectorError(NETWORK, 'forbidden', `text is ${length} characters, the limit is 500`);
    }
    const response = await requestJson({
      ...common,
      url: `${apiBase}/posts`,
      method: 'POST',
      headers: { [DEMO_IDEMPOTENCY_HEADER]: input.idempotencyKey },
      body: { text: input.text, inReplyTo: input.inReplyTo.externalId, handle },
      signal: input.signal,
    });
    const { post } = parseBody(createPostResponseSchema, response.body, 'POST /posts');
    return { externalId: post.id, url: demoPostUrl(publicPage, post.id) };
  }

  return {
    network: NETWORK,
    canReply: true,
    // The demo network stores one post per idempotency key, as Mastodon does.
    idempotentReplies: true,
    limits: demoTextLimits,
    poll,
    reply,
    rateLimit: () => ({ ...lastRateLimit }),
    // Everyone on the demo network can be answered, like on Mastodon or Bluesky.
    checkReply: () => ({ allowed: true, reason: null }),
  };
}

/** The cursor is the last seq seen; anything else means the stored cursor was not written by us. */
function parseCursor(cursor: string | null): number | null {
  if (cursor === null) return null;
  if (!/^\d+$/.test(cursor))
    throw new ConnectorError(NETWORK, 'malformed', `invalid demo cursor "${cursor}"`);
  return Number(cursor);
}

function normaliseHandle(handle: string | null | undefined): string | null {
  const value = handle?.trim().replace(/^@/, '').toLowerCase();
  return value ? value : null;
}

function parseBody<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape';
    throw new ConnectorError(
      NETWORK,
      'malformed',
      `${what} response does not match the demo API (${where})`,
      {
        cause: result.error,
      },
    );
  }
  return result.data;
}
