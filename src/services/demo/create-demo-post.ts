import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { createPostRequestSchema, type RawPost } from '../../../connectors/demo/raw';
import { withTransaction } from '../../db/client';
import { demoPosts } from '../../db/schema';
import { AppError, NotFoundError } from '../../lib/errors';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { apiKey, type DemoPostMeta, demoAccount, lockDemoPosts, toRawPost } from './demo-posts';

const idempotencyKeySchema = z
  .string({ error: 'Idempotency-Key header is required' })
  .trim()
  .min(1, 'Idempotency-Key header is required')
  .max(200, 'Idempotency-Key is longer than 200 characters');

export interface CreateDemoPostInput {
  /** The Idempotency-Key header, as received (undefined when absent). */
  idempotencyKey: string | undefined | null;
  body: unknown;
}

export interface CreateDemoPostResult {
  post: RawPost;
  /** False when the key was seen before: the first post is returned as it was. */
  created: boolean;
}

/**
 * POST /posts of the demo network (connectors/demo/raw.ts): an account publishes, usually the
 * brand replying in a customer's thread. `byBrand` says whether that account is the brand's (the
 * demo brand's handle); any other handle writes as a customer, which lets tests and scripts play
 * the public through the same API. A retried request with the same Idempotency-Key gets the first
 * post back instead of a second copy.
 */
export async function createDemoPost(ctx: Ctx, input: CreateDemoPostInput): Promise<CreateDemoPostResult> {
  const key = idempotencyKeyOf(input.idempotencyKey);
  const body = validate(createPostRequestSchema, input.body);
  const author = demoAccount(body.handle);
  return withTransaction(ctx.db, async (tx) => {
    await lockDemoPosts(tx);
    // Under the lock no other writer can insert this key meanwhile; the unique index below is the
    // guarantee all the same, should a writer ever forget the lock.
    const [seen] = await tx.select().from(demoPosts).where(eq(demoPosts.idempotencyKey, key)).limit(1);
    if (seen) return { post: toRawPost(seen), created: false };

    let threadRoot: string | null = null;
    if (body.inReplyTo !== null) {
      const [parent] = await tx
        .select({ threadRoot: demoPosts.threadRoot })
        .from(demoPosts)
        .where(eq(demoPosts.id, body.inReplyTo))
        .limit(1);
      if (!parent) throw new NotFoundError('Post', body.inReplyTo);
      threadRoot = parent.threadRoot;
    }
    const id = ctx.ids('dp');
    const meta: DemoPostMeta = { source: 'api' };
    const [row] = await tx
      .insert(demoPosts)
      .values({
        id,
        text: body.text,
        lang: null,
        authorId: author.id,
        authorHandle: author.handle,
        authorName: author.name,
        followers: author.followers,
        inReplyTo: body.inReplyTo,
        threadRoot: threadRoot ?? id,
        byBrand: author.isBrand,
        idempotencyKey: key,
        meta,
        createdAt: ctx.clock.now(),
      })
      .onConflictDoNothing({ target: demoPosts.idempotencyKey })
      .returning();
    if (row) return { post: toRawPost(row), created: true };
    const [existing] = await tx.select().from(demoPosts).where(eq(demoPosts.idempotencyKey, key)).limit(1);
    if (!existing) throw new AppError('conflict', 'The post could not be stored; retry');
    return { post: toRawPost(existing), created: false };
  });
}

function idempotencyKeyOf(raw: string | undefined | null): string {
  const result = idempotencyKeySchema.safeParse(raw ?? undefined);
  if (!result.success) {
    throw new AppError('bad_request', result.error.issues[0]?.message ?? 'Invalid Idempotency-Key');
  }
  return apiKey(result.data);
}
