import { z } from 'zod';
import { withTransaction } from '../../db/client';
import { audiences, channelKinds, notificationChannels } from '../../db/schema';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { queueOn } from '../notifications/notify';
import { validate } from '../validate';

export const channelInput = z
  .object({
    name: z.string().trim().min(1, 'is required').max(100),
    kind: z.enum(channelKinds),
    target: z.string().trim().min(1, 'is required').max(2000),
    /** The webhook's HMAC secret, or the SMTP password of an e-mail channel; sealed either way. */
    secret: z.string().min(1).max(200).optional(),
    audiences: z.array(z.enum(audiences)).min(1, 'choose at least one audience'),
    /** E-mail channels: the SMTP server; its password goes in `secret`, sealed. */
    smtp: z
      .object({
        host: z.string().trim().min(1, 'is required').max(253),
        port: z.coerce.number().int().min(1).max(65535).default(587),
        secure: z.coerce.boolean().default(false),
        user: z.string().trim().max(200).optional(),
        // A display name is allowed: "Passerelle <care@brand.example>".
        from: z.string().trim().min(3, 'is required').max(320),
        replyTo: z.string().trim().max(320).optional(),
      })
      .optional(),
  })
  .superRefine((v, issues) => {
    const isUrl = /^https?:\/\/\S+$/.test(v.target);
    if (v.kind !== 'email' && !isUrl) {
      issues.addIssue({ code: 'custom', path: ['target'], message: 'must be the webhook URL (https://...)' });
    }
    if (v.kind === 'webhook' && v.secret !== undefined && v.secret.length < 16) {
      issues.addIssue({ code: 'custom', path: ['secret'], message: 'must be at least 16 characters' });
    }
    if (v.kind === 'email' && !v.smtp) {
      issues.addIssue({ code: 'custom', path: ['smtp'], message: 'an e-mail channel needs its SMTP server' });
    }
    if (v.kind === 'email' && !z.email().safeParse(v.target).success) {
      issues.addIssue({ code: 'custom', path: ['target'], message: 'must be an e-mail address' });
    }
  });

/** Adds a channel and queues a test message on it, so the admin sees at once whether it works. */
export async function addChannel(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'connections.manage');
  const data = validate(channelInput, raw);
  const secret = data.secret ? await ctx.secrets.seal(data.secret) : null;
  return withTransaction(ctx.db, async (tx) => {
    const id = ctx.ids('chn');
    const [row] = await tx
      .insert(notificationChannels)
      .values({
        id,
        name: data.name,
        kind: data.kind,
        target: data.target,
        secret,
        audiences: data.audiences,
        settings: data.smtp ? { ...data.smtp } : {},
      })
      .returning({
        id: notificationChannels.id,
        name: notificationChannels.name,
        kind: notificationChannels.kind,
      });
    await audit(tx, ctx, {
      action: 'channel.added',
      entityType: 'notification_channel',
      entityId: id,
      details: { kind: data.kind, audiences: data.audiences },
    });
    await queueOn(tx, ctx, [id], {
      dedupeKey: `channel-test:${id}`,
      subject: 'Passerelle: this channel works',
      body: `Notifications for ${data.audiences.join(', ')} will arrive here.`,
      payload: { event: 'channel.test' },
    });
    return row!;
  });
}
