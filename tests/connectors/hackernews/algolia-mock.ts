/**
 * A local stand-in for the Hacker News Search API (hn.algolia.com/api/v1/search_by_date) on
 * 127.0.0.1: hits newest first, `tags` with an OR group, `numericFilters` on created_at_i, paging
 * with Algolia's 1,000-hit pagination limit, and the documented response envelope. Hits are built
 * like the API's own (stories and comments, `_tags`, `story_id`, `parent_id`).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedSearch {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
}

export interface CannedResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

export type MockHit = Record<string, unknown> & { objectID: string; created_at_i: number };

export interface AlgoliaMock {
  baseUrl: string;
  requests: RecordedSearch[];
  hits: MockHit[];
  story(fields: {
    id: number;
    at: number;
    title: string;
    author?: string;
    url?: string | null;
    text?: string | null;
  }): MockHit;
  comment(fields: {
    id: number;
    at: number;
    text: string;
    storyId: number;
    parentId?: number;
    author?: string;
  }): MockHit;
  respondNext(...responses: CannedResponse[]): void;
  /** Runs before each search is answered: lets a test add hits between two pages. */
  beforeSearch: ((url: URL) => void) | null;
  close(): Promise<void>;
}

const PAGINATION_LIMIT = 1000;

export async function startAlgoliaMock(): Promise<AlgoliaMock> {
  const hits: MockHit[] = [];
  const requests: RecordedSearch[] = [];
  const queue: CannedResponse[] = [];
  const state: { beforeSearch: ((url: URL) => void) | null } = { beforeSearch: null };

  const iso = (at: number) => new Date(at * 1000).toISOString().replace('.000Z', 'Z');

  const story: AlgoliaMock['story'] = ({ id, at, title, author = 'pg', url = null, text = null }) => {
    const hit: MockHit = {
      _tags: ['story', `author_${author}`, `story_${id}`],
      author,
      children: [],
      created_at: iso(at),
      created_at_i: at,
      num_comments: 0,
      objectID: String(id),
      points: 1,
      story_id: id,
      title,
      updated_at: iso(at),
      ...(url === null ? {} : { url }),
      ...(text === null ? {} : { story_text: text }),
    };
    hits.push(hit);
    return hit;
  };

  const comment: AlgoliaMock['comment'] = ({ id, at, text, storyId, parentId, author = 'norvig' }) => {
    const parent = hits.find((h) => h.objectID === String(storyId));
    const hit: MockHit = {
      _tags: ['comment', `author_${author}`, `story_${storyId}`],
      author,
      comment_text: text,
      created_at: iso(at),
      created_at_i: at,
      objectID: String(id),
      parent_id: parentId ?? storyId,
      story_id: storyId,
      story_title: (parent?.title as string | undefined) ?? 'A story',
      story_url: (parent?.url as string | undefined) ?? null,
      updated_at: iso(at),
    };
    hits.push(hit);
    return hit;
  };

  const matchesTags = (hit: MockHit, tags: string | null): boolean => {
    if (!tags) return true;
    const own = (hit._tags as string[]) ?? [];
    // Comma = AND between groups; a parenthesised group = OR inside it.
    return splitTopLevel(tags).every((group) => {
      const options = group.replace(/^\(|\)$/g, '').split(',');
      return options.some((tag) => own.includes(tag));
    });
  };

  const matchesNumeric = (hit: MockHit, filters: string | null): boolean => {
    if (!filters) return true;
    return filters.split(',').every((filter) => {
      const m = /^(\w+)(>=|<=|>|<|=)(-?\d+)$/.exec(filter.trim());
      if (!m) throw new Error(`bad numeric filter ${filter}`);
      const value = Number(hit[m[1] as string]);
      const bound = Number(m[3]);
      switch (m[2]) {
        case '>':
          return value > bound;
        case '>=':
          return value >= bound;
        case '<':
          return value < bound;
        case '<=':
          return value <= bound;
        default:
          return value === bound;
      }
    });
  };

  const matchesQuery = (hit: MockHit, query: string): boolean => {
    const haystack = [hit.title, hit.url, hit.story_text, hit.comment_text, hit.author]
      .filter((v): v is string => typeof v === 'string')
      .join(' ')
      .toLowerCase();
    return query
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w !== '')
      .every((word) => haystack.includes(word));
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? '', url, headers: req.headers });
    const canned = queue.shift();
    if (canned) {
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(canned.status, {
          'content-type': 'application/json; charset=utf-8',
          ...canned.headers,
        });
        res.end(canned.body);
      }, canned.delayMs ?? 0);
      return;
    }
    if (url.pathname !== '/api/v1/search_by_date') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Not Found', status: 404 }));
      return;
    }
    state.beforeSearch?.(url);
    const query = url.searchParams.get('query') ?? '';
    const hitsPerPage = Number(url.searchParams.get('hitsPerPage') ?? '20');
    const page = Number(url.searchParams.get('page') ?? '0');
    const found = hits
      .filter(
        (hit) =>
          matchesTags(hit, url.searchParams.get('tags')) &&
          matchesNumeric(hit, url.searchParams.get('numericFilters')) &&
          matchesQuery(hit, query),
      )
      .sort((a, b) => b.created_at_i - a.created_at_i || Number(b.objectID) - Number(a.objectID));
    const reachable = found.slice(0, PAGINATION_LIMIT);
    const nbPages = Math.ceil(reachable.length / hitsPerPage);
    const pageHits = reachable.slice(page * hitsPerPage, (page + 1) * hitsPerPage).map((hit) => ({
      ...hit,
      _highlightResult: { title: { value: hit.title ?? '', matchLevel: 'full', matchedWords: [query] } },
    }));
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(
      JSON.stringify({
        exhaustive: { nbHits: true, typo: true },
        exhaustiveNbHits: true,
        exhaustiveTypo: true,
        hits: pageHits,
        hitsPerPage,
        nbHits: found.length,
        nbPages,
        page,
        params: url.search.slice(1),
        processingTimeMS: 1,
        query,
        serverTimeMS: 2,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const mock: AlgoliaMock = {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    hits,
    story,
    comment,
    respondNext: (...responses) => {
      queue.push(...responses);
    },
    get beforeSearch() {
      return state.beforeSearch;
    },
    set beforeSearch(hook) {
      state.beforeSearch = hook;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
  return mock;
}

function splitTopLevel(tags: string): string[] {
  const groups: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of tags) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      groups.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (current !== '') groups.push(current);
  return groups;
}
