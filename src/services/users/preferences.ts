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

/**
 * Intl lists CLDR's names, some of which IANA has since renamed (Asia/Calcutta is Asia/Kolkata):
 * the form offers the current names, which Intl accepts as well.
 */
const renamed: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'America/Godthab': 'America/Nuuk',
  'Pacific/Enderbury': 'Pacific/Kanton',
};

/** The zones a user may pick, for the form's choices; `current` is kept even if Intl omits it. */
export function timeZoneChoices(current?: string | null): string[] {
  const listed =
    (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  const names = new Set(listed.map((z) => renamed[z] ?? z).filter((z) => isTimeZone(z)));
  names.add('UTC');
  if (current) names.add(current);
  return [...names].sort();
}
