import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { Actor, Ctx } from '../context';
import { isTimeZone } from '../reports/time-zone';
import { validate } from '../validate';

/** A zone's name (Asia/Kolkata, UTC), not an offset such as +05:30 that Intl would also take. */
const ianaName = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

export const preferencesInput = z.object({
  /** An IANA zone name; '' forgets the user's zone, so reports use the brand's again. */
  timezone: z
    .string()
    .trim()
    .max(64)
    .refine((v) => v === '' || (ianaName.test(v) && isTimeZone(v)), 'is not a time zone'),
});

function signedIn(ctx: Ctx): Actor {
  if (!ctx.actor) throw new AppError('unauthorized', 'Sign in first');
  return ctx.actor;
}

/** Every signed-in user reads and sets their own preferences; nobody else's. */
export async function getPreferences(ctx: Ctx) {
  const actor = signedIn(ctx);
  const [row] = await ctx.db.select({ timezone: users.timezone }).from(users).where(eq(users.id, actor.id));
  return { timezone: row?.timezone ?? null };
}

export async function setPreferences(ctx: Ctx, raw: unknown) {
  const actor = signedIn(ctx);
  const { timezone } = validate(preferencesInput, raw);
  await ctx.db
    .update(users)
    .set({ timezone: timezone === '' ? null : timezone, updatedAt: ctx.clock.now() })
    .where(eq(users.id, actor.id));
  return { timezone: timezone === '' ? null : timezone };
}

/** The zones a user may pick, canonical names only (Intl's list), for the form's choices. */
export function timeZoneChoices(): string[] {
  const list =
    (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return list.includes('UTC') ? list : ['UTC', ...list];
}
