import { and, asc, gt, or, type SQL, sql } from 'drizzle-orm';
import {
  type DemoListenerKind,
  type ListPostsResponse,
  listPostsQuerySchema,
} from '../../../connectors/demo/raw';
import { demoPosts } from '../../db/schema';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { toRawPost } from './demo-posts';

/**
 * GET /posts of the demo network (connectors/demo/raw.ts): the posts after a seq that match a
 * listener, ascending, one page at a time. Brand posts are listed too, as a real network would;
 * the connector is the one that leaves its own out.
 */
export async function listDemoPosts(ctx: Ctx, raw: unknown): Promise<ListPostsResponse> {
  const { after, limit, q, kind } = validate(listPostsQuerySchema, raw);
  const matcher = matchQuery(kind, q);
  // One row more than asked tells whether another page follows without a count query.
  const rows = await ctx.db
    .select()
    .from(demoPosts)
    .where(and(after === undefined ? undefined : gt(demoPosts.seq, after), matcher))
    .orderBy(asc(demoPosts.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    posts: page.map(toRawPost),
    next: rows.length > limit && last ? String(last.seq) : null,
  };
}

/** Escapes every character a Postgres regular expression could read as an operator. */
function regexLiteral(text: string): string {
  return text.replace(/[^\p{L}\p{N}_]/gu, (char) => `\\${char}`);
}

function matchQuery(kind: DemoListenerKind, q: string): SQL | undefined {
  if (kind === 'mention' || kind === 'hashtag') {
    const sigil = kind === 'mention' ? '@' : '#';
    const name = q.replace(kind === 'mention' ? /^@/ : /^#/, '').toLowerCase();
    // `@lumo` matches "@Lumo," and "@lumo" at the end, but neither "@lumoplus" nor "@lumo_fr".
    const pattern = `${regexLiteral(sigil + name)}([^[:alnum:]_]|$)`;
    return sql`${demoPosts.text} ~* ${pattern}`;
  }
  const words = q
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
  // position() rather than LIKE: a customer's '%' or '_' is a character to find, not a wildcard.
  return or(...words.map((word) => sql`position(${word} in lower(${demoPosts.text})) > 0`));
}
