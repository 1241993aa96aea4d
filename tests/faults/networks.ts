/**
 * The four networks that can be answered, as local mocks, and a workspace that listens and replies
 * on each: shared by the unknown-outcome tests and the fault-injection suite.
 */
import { eq } from 'drizzle-orm';
import type { NetworkId } from '../../connectors/types';
import type { Db } from '../../src/db/client';
import { authors, brands, cases, listeners, mentions, networkAccounts, replies } from '../../src/db/schema';
import type { SecretBox } from '../../src/lib/secret-box';
import { type BlueskyMock, startBlueskyMock } from '../connectors/bluesky/bluesky-mock';
import { accountFixture } from '../connectors/mastodon/fixtures';
import { type MastodonMock, startMastodonMock } from '../connectors/mastodon/mastodon-mock';
import { BRAND_USER, type RedditApiMock, startRedditApiMock } from '../connectors/reddit/reddit-api-mock';
import { BRAND, SARAH, startXApiMock, type XApiMock } from '../connectors/x/x-api-mock';

export const replyNetworks = ['x', 'mastodon', 'bluesky', 'reddit'] as const;
export type ReplyNetwork = (typeof replyNetworks)[number];

export interface Networks {
  x: XApiMock;
  mastodon: MastodonMock;
  bluesky: BlueskyMock;
  reddit: RedditApiMock;
  close(): Promise<void>;
}

export async function startNetworks(): Promise<Networks> {
  const [x, mastodon, bluesky, reddit] = await Promise.all([
    startXApiMock(),
    startMastodonMock(),
    startBlueskyMock(),
    startRedditApiMock(),
  ]);
  return {
    x,
    mastodon,
    bluesky,
    reddit,
    close: async () => {
      await Promise.all([x.close(), mastodon.close(), bluesky.close(), reddit.close()]);
    },
  };
}

/** A customer's post on the mock network, as the listener would have stored it. */
export interface CustomerPost {
  externalId: string;
  threadRootId: string;
  text: string;
  raw: unknown;
  author: { externalId: string; handle: string };
}

let counter = 0;

/** Publishes a customer's post addressed to the brand on one mock network. */
export function publishPost(net: Networks, network: ReplyNetwork, text: string): CustomerPost {
  counter += 1;
  if (network === 'x') {
    const t = net.x.add({ text: `@lumo ${text}`, author: SARAH, created_at: new Date().toISOString() });
    return {
      externalId: t.id,
      threadRootId: t.conversation_id,
      text: t.text,
      raw: { data: t, includes: { users: [SARAH] } },
      author: { externalId: SARAH.id, handle: SARAH.username },
    };
  }
  if (network === 'mastodon') {
    const sam = accountFixture(net.mastodon.host, { id: '42', username: 'sam' });
    const n = net.mastodon.addMention({ account: sam, text: `@lumo ${text}` });
    const s = n.status!;
    return {
      externalId: s.id,
      threadRootId: s.id,
      text,
      raw: s,
      author: { externalId: sam.id, handle: sam.acct },
    };
  }
  if (network === 'bluesky') {
    const p = net.bluesky.addPost({ text: `@lumo.bsky.social ${text}` });
    net.bluesky.notify('mention', p);
    return {
      externalId: p.uri,
      threadRootId: p.uri,
      text,
      raw: p,
      author: { externalId: p.author.did, handle: p.author.handle },
    };
  }
  const m = net.reddit.mention({ body: `u/${BRAND_USER} ${text}` });
  return {
    externalId: m.data.name,
    threadRootId: String(m.data.parent_id),
    text,
    raw: m.data,
    author: { externalId: String(m.data.author), handle: String(m.data.author) },
  };
}

export interface Workspace {
  brandId: string;
  accountIds: Record<ReplyNetwork, string>;
}

/** A brand with an account on each mock network (credentials sealed) and, optionally, mention listeners. */
export async function seedWorkspace(
  db: Db,
  secrets: SecretBox,
  net: Networks,
  opts: { listeners?: boolean; intervalSeconds?: number } = {},
): Promise<Workspace> {
  const brandId = `brand_${++counter}`;
  await db.insert(brands).values({ id: brandId, slug: brandId, name: 'Lumo' });
  const specs: Record<
    ReplyNetwork,
    { handle: string; externalUserId: string; baseUrl: string; credentials: Record<string, string> }
  > = {
    x: {
      handle: 'lumo',
      externalUserId: BRAND.id,
      baseUrl: net.x.baseUrl,
      credentials: { bearerToken: net.x.appBearer, ...net.x.user },
    },
    mastodon: {
      handle: 'lumo',
      externalUserId: net.mastodon.brand.id,
      baseUrl: net.mastodon.baseUrl,
      credentials: { accessToken: net.mastodon.token },
    },
    bluesky: {
      handle: net.bluesky.brand.handle,
      externalUserId: net.bluesky.brand.did,
      baseUrl: net.bluesky.baseUrl,
      credentials: { identifier: net.bluesky.identifier, appPassword: net.bluesky.appPassword },
    },
    reddit: {
      handle: BRAND_USER,
      externalUserId: 't2_lumo',
      baseUrl: net.reddit.baseUrl,
      credentials: { accessToken: net.reddit.accessToken },
    },
  };
  const accountIds = {} as Record<ReplyNetwork, string>;
  for (const network of replyNetworks) {
    const s = specs[network];
    const id = `acc_${network}_${brandId}`;
    accountIds[network] = id;
    await db.insert(networkAccounts).values({
      id,
      brandId,
      network,
      handle: s.handle,
      externalUserId: s.externalUserId,
      baseUrl: s.baseUrl,
      credentials: await secrets.seal(JSON.stringify(s.credentials)),
    });
    if (opts.listeners) {
      await db.insert(listeners).values({
        id: `lis_${network}_${brandId}`,
        brandId,
        accountId: id,
        network,
        kind: 'mention',
        query: s.handle,
        intervalSeconds: opts.intervalSeconds ?? 60,
      });
    }
  }
  return { brandId, accountIds };
}

/** An approved reply waiting in the outbox, answering `post` in a case of its own. */
export async function queueReplyTo(
  db: Db,
  ws: Workspace,
  network: NetworkId,
  post: CustomerPost,
  body: string,
  at: Date,
): Promise<string> {
  const n = ++counter;
  const authorId = `aut_${n}`;
  await db.insert(authors).values({
    id: authorId,
    network,
    externalId: `${post.author.externalId}#${n}`,
    handle: post.author.handle,
  });
  const caseId = `cas_${n}`;
  await db.insert(cases).values({
    id: caseId,
    brandId: ws.brandId,
    network,
    threadRootExternalId: post.threadRootId,
    authorId,
    status: 'open',
    lastMentionAt: at,
  });
  const mentionId = `men_${n}`;
  await db.insert(mentions).values({
    id: mentionId,
    brandId: ws.brandId,
    network,
    externalId: post.externalId,
    authorId,
    caseId,
    text: post.text,
    threadRootExternalId: post.threadRootId,
    raw: post.raw as object,
    postedAt: at,
  });
  const replyId = `rep_${n}`;
  await db.insert(replies).values({
    id: replyId,
    caseId,
    inReplyToMentionId: mentionId,
    network,
    body,
    idempotencyKey: `passerelle-${replyId}`,
    nextAttemptAt: at,
  });
  return replyId;
}

export async function replyRow(db: Db, id: string) {
  const [row] = await db.select().from(replies).where(eq(replies.id, id));
  if (!row) throw new Error(`no reply ${id}`);
  return row;
}
