/**
 * A local stand-in for the slice of Reddit's API the connector uses, on 127.0.0.1 with node:http.
 * Listings are newest first and page by fullname like Reddit's: `after=X` gives the items just older
 * than X, `before=X` the ones just newer, and an anchor that left the listing yields an empty page.
 * Fixtures follow Reddit's documented objects: inbox "comment messages" for mentions (context, no
 * permalink), posts for search. Also POST /api/comment (errors inside a 200) and the token endpoint.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  /** Form fields of a form body, or null. */
  body: Record<string, string> | null;
}

export interface CannedResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface Thing {
  kind: 't1' | 't3';
  data: Record<string, unknown> & { name: string; id: string; created_utc: number };
  /** Listed in /message/mentions (a comment message) rather than in search. */
  inbox: boolean;
}

export const BRAND_USER = 'lumo_support';

export interface RedditApiMock {
  baseUrl: string;
  tokenUrl: string;
  requests: RecordedRequest[];
  /** Everything on the mock network, in creation order. */
  things: Thing[];
  accessToken: string;
  refreshToken: string;
  client: { id: string; secret: string };
  rateLimitHeaders: Record<string, string>;
  /** The brand's profile listing answers 403 (a suspended profile, an app without `history` scope). */
  profileRefused: boolean;
  mention(input: {
    body: string;
    author?: string;
    linkId?: string;
    parentId?: string;
    bodyHtml?: string;
  }): Thing;
  post(input: {
    title: string;
    selftext?: string;
    selftextHtml?: string | null;
    author?: string;
    subreddit?: string;
    archived?: boolean;
    locked?: boolean;
  }): Thing;
  /** Deletes a thing: it leaves every listing, so it no longer works as a before/after anchor. */
  remove(name: string): void;
  respondNext(...responses: CannedResponse[]): void;
  listingRequests(): RecordedRequest[];
  close(): Promise<void>;
}

let sequence = 1_000_000;
const base36 = () => (sequence++).toString(36);

export async function startRedditApiMock(): Promise<RedditApiMock> {
  const requests: RecordedRequest[] = [];
  const queue: CannedResponse[] = [];
  const things: Thing[] = [];
  /** Fullnames of removed things: Reddit answers a reply to one with DELETED_COMMENT / DELETED_LINK. */
  const removed = new Set<string>();
  /** A second of Reddit time per thing, from 2026-03-01T09:00:00Z. */
  let clock = Date.UTC(2026, 2, 1, 9, 0, 0) / 1000;
  const mock = {
    accessToken: 'reddit-access-0',
    refreshToken: 'reddit-refresh',
    client: { id: 'reddit-client', secret: 'reddit-secret' },
    rateLimitHeaders: {} as Record<string, string>,
    profileRefused: false,
  };

  const mention: RedditApiMock['mention'] = (input) => {
    const id = base36();
    const linkId = input.linkId ?? `t3_${base36()}`;
    const author = input.author ?? 'sarah_builds';
    clock += 1;
    const thing: Thing = {
      kind: 't1',
      inbox: true,
      data: {
        first_message: null,
        first_message_name: null,
        subreddit: 'homeautomation',
        likes: null,
        replies: '',
        author_fullname: `t2_${author.length}x${id}`,
        id,
        subject: 'username mention',
        associated_awarding_id: null,
        score: 1,
        author,
        num_comments: 4,
        parent_id: input.parentId ?? linkId,
        subreddit_name_prefixed: 'r/homeautomation',
        new: true,
        type: 'username_mention',
        body: input.body,
        link_title: 'Smart bulbs that survive a firmware update?',
        dest: BRAND_USER,
        was_comment: true,
        body_html:
          input.bodyHtml ?? `<!-- SC_OFF --><div class="md"><p>${input.body}</p>\n</div><!-- SC_ON -->`,
        name: `t1_${id}`,
        created: clock,
        created_utc: clock,
        context: `/r/homeautomation/comments/${linkId.slice(3)}/smart_bulbs_that_survive_a_firmware_update/${id}/?context=3`,
        distinguished: null,
      },
    };
    things.push(thing);
    return thing;
  };

  const post: RedditApiMock['post'] = (input) => {
    const id = base36();
    const subreddit = input.subreddit ?? 'homeautomation';
    const author = input.author ?? 'camille_lrt';
    const slug = input.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .slice(0, 40);
    clock += 1;
    const thing: Thing = {
      kind: 't3',
      inbox: false,
      data: {
        approved_at_utc: null,
        subreddit,
        selftext: input.selftext ?? '',
        author_fullname: `t2_${author.length}y${id}`,
        title: input.title,
        subreddit_name_prefixed: `r/${subreddit}`,
        name: `t3_${id}`,
        id,
        author,
        num_comments: 0,
        is_self: true,
        over_18: false,
        archived: input.archived ?? false,
        locked: input.locked ?? false,
        selftext_html: input.selftextHtml === undefined ? null : input.selftextHtml,
        permalink: `/r/${subreddit}/comments/${id}/${slug}/`,
        url: `https://www.reddit.com/r/${subreddit}/comments/${id}/${slug}/`,
        created: clock,
        created_utc: clock,
      },
    };
    things.push(thing);
    return thing;
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      'content-type': 'application/json; charset=UTF-8',
      ...mock.rateLimitHeaders,
      ...headers,
    });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

  const listing = (res: ServerResponse, url: URL, items: Thing[]) => {
    const limit = Math.min(Number(url.searchParams.get('limit') ?? '25'), 100);
    const before = url.searchParams.get('before');
    const after = url.searchParams.get('after');
    // Newest first; equal seconds keep the newer creation first.
    const sorted = items
      .map((thing, index) => ({ thing, index }))
      .sort((a, b) => b.thing.data.created_utc - a.thing.data.created_utc || b.index - a.index)
      .map(({ thing }) => thing);
    let start = 0;
    let end = Math.min(limit, sorted.length);
    const anchor = before ?? after;
    if (anchor) {
      const at = sorted.findIndex((t) => t.data.name === anchor);
      if (at < 0) {
        start = 0;
        end = 0;
      } else if (before) {
        start = Math.max(0, at - limit);
        end = at;
      } else {
        start = at + 1;
        end = Math.min(sorted.length, at + 1 + limit);
      }
    }
    const page = sorted.slice(start, end);
    send(res, 200, {
      kind: 'Listing',
      data: {
        after: end < sorted.length && page.length > 0 ? (page.at(-1)?.data.name ?? null) : null,
        dist: page.length,
        modhash: '',
        geo_filter: '',
        children: page.map((t) => ({ kind: t.kind, data: t.data })),
        before: start > 0 && page.length > 0 ? (page[0]?.data.name ?? null) : null,
      },
    });
  };

  const matches = (thing: Thing, q: string) => {
    const text = `${thing.data.title ?? ''} ${thing.data.selftext ?? ''}`.toLowerCase();
    return q
      .toLowerCase()
      .split(/\s+/)
      .filter(Boolean)
      .every((word) => text.includes(word));
  };

  const handle = (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    form: Record<string, string> | null,
  ) => {
    if (url.pathname === '/api/v1/access_token' && req.method === 'POST') {
      const expected = `Basic ${Buffer.from(`${mock.client.id}:${mock.client.secret}`).toString('base64')}`;
      if (req.headers.authorization !== expected)
        return send(res, 401, { message: 'Unauthorized', error: 401 });
      if (form?.grant_type !== 'refresh_token' || form.refresh_token !== mock.refreshToken) {
        return send(res, 200, { error: 'invalid_grant' });
      }
      mock.accessToken = `reddit-access-${Number(mock.accessToken.split('-').at(-1)) + 1}`;
      return send(res, 200, {
        access_token: mock.accessToken,
        token_type: 'bearer',
        expires_in: 86_400,
        scope: 'identity privatemessages read submit',
      });
    }
    if (req.headers.authorization !== `bearer ${mock.accessToken}`) {
      return send(res, 401, { message: 'Unauthorized', error: 401 });
    }
    if (req.method === 'GET' && url.pathname === '/message/mentions') {
      return listing(
        res,
        url,
        things.filter((t) => t.inbox),
      );
    }
    const profile = /^\/user\/([A-Za-z0-9_-]+)\/comments$/.exec(url.pathname);
    if (req.method === 'GET' && profile) {
      if (mock.profileRefused) return send(res, 403, { message: 'Forbidden', error: 403 });
      const name = profile[1]?.toLowerCase();
      return listing(
        res,
        url,
        things.filter((t) => t.kind === 't1' && String(t.data.author).toLowerCase() === name),
      );
    }
    const search = /^(?:\/r\/([A-Za-z0-9_]+))?\/search$/.exec(url.pathname);
    if (req.method === 'GET' && search) {
      const sub = search[1];
      if (sub === 'private_sub')
        return send(res, 403, { reason: 'private', message: 'Forbidden', error: 403 });
      const q = url.searchParams.get('q') ?? '';
      const restrict = url.searchParams.get('restrict_sr') === '1';
      return listing(
        res,
        url,
        things.filter(
          (t) => t.kind === 't3' && matches(t, q) && (!sub || !restrict || t.data.subreddit === sub),
        ),
      );
    }
    if (req.method === 'POST' && url.pathname === '/api/comment') {
      if (form?.api_type !== 'json') return send(res, 200, { jquery: [] });
      const parent = things.find((t) => t.data.name === form.thing_id);
      if (!parent && removed.has(String(form.thing_id))) {
        const link = String(form.thing_id).startsWith('t3_');
        return send(res, 200, {
          json: {
            errors: [
              link
                ? ['DELETED_LINK', 'the link you are commenting on has been deleted', 'parent']
                : ['DELETED_COMMENT', 'that comment has been deleted', 'parent'],
            ],
          },
        });
      }
      if (!parent) {
        return send(res, 200, { json: { errors: [['NO_THING_ID', 'id not specified', 'parent']] } });
      }
      if (parent.data.archived) {
        return send(res, 200, {
          json: {
            errors: [['TOO_OLD', "that's a piece of history now; it's too late to reply to it", 'parent']],
          },
        });
      }
      const id = base36();
      clock += 1;
      const linkId =
        parent.kind === 't3'
          ? parent.data.name
          : `t3_${/\/comments\/([a-z0-9]+)\//.exec(String(parent.data.context))?.[1]}`;
      const comment = {
        id,
        name: `t1_${id}`,
        author: BRAND_USER,
        body: form.text,
        parent_id: parent.data.name,
        link_id: linkId,
        permalink: `/r/homeautomation/comments/${linkId.slice(3)}/comment/${id}/`,
        created_utc: clock,
      };
      // Kept on the brand's profile (not in the inbox), where a lookup after a lost answer finds it.
      things.push({ kind: 't1', inbox: false, data: { ...comment, subreddit: 'homeautomation' } });
      return send(res, 200, { json: { errors: [], data: { things: [{ kind: 't1', data: comment }] } } });
    }
    return send(res, 404, { message: 'Not Found', error: 404 });
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      const form = text === '' ? null : Object.fromEntries(new URLSearchParams(text));
      requests.push({ method: req.method ?? '', url, headers: req.headers, body: form });
      const canned = queue.shift();
      if (!canned) return handle(req, res, url, form);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(canned.status, { 'content-type': 'application/json', ...canned.headers });
        res.end(canned.body);
      }, canned.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  return Object.assign(mock, {
    baseUrl,
    tokenUrl: `${baseUrl}/api/v1/access_token`,
    requests,
    things,
    mention,
    post,
    remove: (name: string) => {
      const at = things.findIndex((t) => t.data.name === name);
      if (at >= 0) things.splice(at, 1);
      removed.add(name);
    },
    respondNext: (...responses: CannedResponse[]) => {
      queue.push(...responses);
    },
    listingRequests: () => requests.filter((r) => r.method === 'GET'),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  });
}
