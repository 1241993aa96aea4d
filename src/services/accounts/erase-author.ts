import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { withTransaction } from '../../db/client';
import { authors, cases, mentions, notifications, replies } from '../../db/schema';
import { networks } from '../../db/schema/columns';
import { NotFoundError } from '../../lib/errors';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { recountTermsOf } from '../reports/term-rollups';
import { validate } from '../validate';

/** The networks an author can be erased on, for the form. */
export const erasableNetworks = networks;

export const eraseAuthorInput = z.object({
  network: z.enum(networks),
  externalId: z.string().trim().min(1, 'is required').max(200),
});

export const ERASED_HANDLE = '[erased]';
export const ERASED_TEXT = '';

/**
 * Erases an author on their request: their handle, name, profile link and reach, the text, link and
 * payload of every post of theirs we stored, their handle in our replies to them, and the
 * notifications about their cases. The author row stays (cases still point at it) but says nothing
 * about them, and later polls keep it blank (see store-mentions). The audit row names only our own
 * internal id: no handle, no text.
 */
export async function eraseAuthor(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'connections.manage');
  const { network, externalId } = validate(eraseAuthorInput, raw);
  return withTransaction(ctx.db, async (tx) => {
    const [author] = await tx
      .select()
      .from(authors)
      .where(and(eq(authors.network, network), eq(authors.externalId, externalId)))
      .for('update');
    if (!author) throw new NotFoundError('Author', `${network}:${externalId}`);
    const now = ctx.clock.now();
    const handles = [author.handle, author.displayName].filter(
      (h): h is string => !!h && h !== ERASED_HANDLE && h.trim().length > 1,
    );

    const erasedMentions = await tx
      .update(mentions)
      .set({ text: ERASED_TEXT, url: null, raw: {} })
      .where(eq(mentions.authorId, author.id))
      .returning({ id: mentions.id, caseId: mentions.caseId });
    await recountTermsOf(
      tx,
      erasedMentions.map((m) => m.id),
    );
    const caseRows = await tx.select({ id: cases.id }).from(cases).where(eq(cases.authorId, author.id));
    const caseIds = [
      ...new Set([
        ...caseRows.map((c) => c.id),
        ...erasedMentions.flatMap((m) => (m.caseId ? [m.caseId] : [])),
      ]),
    ];

    let repliesScrubbed = 0;
    if (caseIds.length > 0 && handles.length > 0) {
      // Our replies quote the person by handle (Mastodon and Bluesky answers start with @them).
      let body = sql`${replies.body}`;
      for (const h of handles) body = sql`replace(${body}, ${h}, ${ERASED_HANDLE})`;
      const scrubbed = await tx
        .update(replies)
        .set({ body, updatedAt: now })
        .where(inArray(replies.caseId, caseIds))
        .returning({ id: replies.id });
      repliesScrubbed = scrubbed.length;
    }

    const about = [
      sql`${notifications.payload}->>'authorId' = ${author.id}`,
      ...(caseIds.length > 0 ? [inArray(sql`${notifications.payload}->>'caseId'`, caseIds)] : []),
      ...handles.map((h) => sql`strpos(${notifications.body} || ' ' || ${notifications.subject}, ${h}) > 0`),
    ];
    const scrubbedNotifications = await tx
      .update(notifications)
      .set({
        subject: sql`'[erased on request]'`,
        body: sql`'[erased on request]'`,
        payload: sql`jsonb_build_object('erased', true)`,
        updatedAt: now,
      })
      .where(or(...about))
      .returning({ id: notifications.id });

    await tx
      .update(authors)
      .set({
        handle: ERASED_HANDLE,
        displayName: null,
        url: null,
        followers: null,
        erasedAt: now,
        updatedAt: now,
      })
      .where(eq(authors.id, author.id));

    const counts = {
      mentions: erasedMentions.length,
      cases: caseIds.length,
      replies: repliesScrubbed,
      notifications: scrubbedNotifications.length,
    };
    await audit(tx, ctx, {
      action: 'author.erased',
      entityType: 'author',
      entityId: author.id,
      details: { network, ...counts },
    });
    return { authorId: author.id, ...counts };
  });
}
