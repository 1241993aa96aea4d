import { z } from 'zod';
import { withTransaction } from '../../db/client';
import { networkAccounts } from '../../db/schema';
import { networks } from '../../db/schema/columns';
import { ConflictError } from '../../lib/errors';
import { readPostingLimits } from '../accounts/read-posting-limits';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';

export const connectAccountInput = z
  .object({
    brandId: z.string().min(1),
    network: z.enum(networks),
    handle: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(200)
      .transform((h) => h.replace(/^@/, '')),
    externalUserId: z.string().trim().max(200).optional(),
    baseUrl: z
      .string()
      .trim()
      .url('must be a URL')
      .regex(/^https?:\/\//, 'must start with http:// or https://')
      .optional(),
    /** Network-specific keys (accessToken, refreshToken, appPassword...); sealed before storage. */
    credentials: z.record(z.string(), z.string().max(4000)).optional(),
  })
  .superRefine((v, issues) => {
    if (v.network === 'mastodon' && !v.baseUrl) {
      issues.addIssue({
        code: 'custom',
        path: ['baseUrl'],
        message: 'a Mastodon account needs the URL of its instance',
      });
    }
  });

/**
 * Stores the brand's account; credentials are sealed with AES-GCM and never written in the audit log.
 * Then, once committed, reads the limits the account's own server sets (a Mastodon instance's), so
 * the first answer is already counted against them.
 */
export async function connectAccount(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'connections.manage');
  const data = validate(connectAccountInput, raw);
  const sealed =
    data.credentials && Object.keys(data.credentials).length > 0
      ? await ctx.secrets.seal(JSON.stringify(data.credentials))
      : null;
  const account = await withTransaction(ctx.db, async (tx) => {
    const id = ctx.ids('acc');
    const rows = await tx
      .insert(networkAccounts)
      .values({
        id,
        brandId: data.brandId,
        network: data.network,
        handle: data.handle,
        externalUserId: data.externalUserId ?? null,
        baseUrl: data.baseUrl ?? null,
        credentials: sealed,
      })
      .onConflictDoNothing()
      .returning();
    if (!rows[0]) throw new ConflictError(`@${data.handle} is already connected on ${data.network}`);
    await audit(tx, ctx, {
      action: 'account.connected',
      entityType: 'network_account',
      entityId: id,
      details: {
        network: data.network,
        handle: data.handle,
        credentialKeys: Object.keys(data.credentials ?? {}),
      },
    });
    return rows[0];
  });
  const postingLimits = await readPostingLimits(ctx, account);
  return { id: account.id, network: account.network, handle: account.handle, postingLimits };
}
