import { z } from 'zod';
import { withTransaction } from '../../db/client';
import { listeners } from '../../db/schema';
import { networks } from '../../db/schema/columns';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';

export const listenerInput = z
  .object({
    brandId: z.string().min(1),
    accountId: z.string().min(1).optional(),
    network: z.enum(networks),
    kind: z.enum(['mention', 'keyword', 'hashtag']),
    query: z.string().trim().min(1, 'is required').max(512),
    target: z.string().trim().max(2000).optional(),
    intervalSeconds: z.coerce.number().int().min(30).max(86_400).default(300),
    /** The competitor it listens for (share of voice); empty for the brand itself. */
    competitor: z.string().trim().max(200).optional(),
  })
  .superRefine((v, issues) => {
    if (v.network === 'rss' && !/^https?:\/\//.test(v.target ?? '')) {
      issues.addIssue({
        code: 'custom',
        path: ['target'],
        message: 'an RSS/Atom listener needs the feed URL (http or https)',
      });
    }
    if ((v.network === 'rss' || v.network === 'hackernews') && v.kind === 'mention') {
      issues.addIssue({
        code: 'custom',
        path: ['kind'],
        message: `${v.network} has no mentions: listen for keywords`,
      });
    }
  });

export type ListenerInput = z.infer<typeof listenerInput>;

export async function createListener(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'connections.manage');
  const data = validate(listenerInput, raw);
  return withTransaction(ctx.db, async (tx) => {
    const id = ctx.ids('lst');
    const [row] = await tx
      .insert(listeners)
      .values({
        id,
        ...data,
        accountId: data.accountId ?? null,
        target: data.target ?? null,
        competitor: data.competitor || null,
        nextPollAt: ctx.clock.now(),
      })
      .returning();
    await audit(tx, ctx, {
      action: 'listener.created',
      entityType: 'listener',
      entityId: id,
      details: { network: data.network, kind: data.kind, query: data.query },
    });
    return row!;
  });
}
