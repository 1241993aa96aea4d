import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { demoBrand } from '../../../connectors/demo/corpus';
import { createPostRequestSchema, type RawPost } from '../../../connectors/demo/raw';
import { withTransaction } from '../../db/client';
import { demoPosts } from '../../db/schema';
import { NotFoundError, ValidationError } from '../../lib/errors';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { type DemoPostMeta, demoAccount, lockDemoPosts, normaliseDemoHandle, toRawPost } from './demo-posts';

const input = z.object({
  text: createPostRequestSchema.shape.text,
  handle: z
    .string()
    .trim()
    .transform(normaliseDemoHandle)
    .pipe(
      z
        .string()
        .min(1, 'handle is required')
        .max(30, 'handle is longer than 30 characters')
        .regex(/^[a-z0-9_.]+$/, 'handle may hold letters, digits, "_" and "." only'),
    ),
  /** Empty means a new top-level post. */
  inReplyTo: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : null)),
});

/**
 * A person at the demo page writes as a customer, to try Passerelle with their own words. The post
 * is an ordinary customer post: the demo connector picks it up like any other.
 */
export async function composeDemoPost(ctx: Ctx, raw: unknown): Promise<RawPost> {
  const body = validate(input, raw);
  // The brand's account writes through the API only, so the page cannot put words in its mouth.
  if (body.handle === demoBrand.handle) {
    throw new ValidationError([{ field: 'handle', message: 'this handle belongs to the brand' }]);
  }
  const author = demoAccount(body.handle);
  return withTransaction(ctx.db, async (tx) => {
    await lockDemoPosts(tx);
    let parent: { threadRoot: string } | undefined;
    if (body.inReplyTo !== null) {
      [parent] = await tx
        .select({ threadRoot: demoPosts.threadRoot })
        .from(demoPosts)
        .where(eq(demoPosts.id, body.inReplyTo))
        .limit(1);
      if (!parent) throw new NotFoundError('Post', body.inReplyTo);
    }
    const id = ctx.ids('dp');
    const meta: DemoPostMeta = { source: 'compose' };
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
        threadRoot: parent?.threadRoot ?? id,
        byBrand: false,
        idempotencyKey: null,
        meta,
        createdAt: ctx.clock.now(),
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    return toRawPost(row);
  });
}
