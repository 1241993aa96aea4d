import { and, count, eq, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, withTransaction } from '../../db/client';
import { availabilities, escalations, expertProfiles, users } from '../../db/schema';
import type { ExpertCandidate } from '../../domain/routing';
import { AppError, NotFoundError } from '../../lib/errors';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';

/** Who answers questions: experts, and anyone else an admin gave a skill to. */
const inDirectory = and(
  isNull(users.disabledAt),
  or(eq(users.role, 'expert'), sql`cardinality(${users.skills}) > 0`),
);

/** Everyone routing may choose, with their load and hours, in the caller's transaction. */
export async function loadCandidates(tx: Db): Promise<ExpertCandidate[]> {
  const rows = await tx
    .select({ user: users, profile: expertProfiles })
    .from(users)
    .leftJoin(expertProfiles, eq(expertProfiles.userId, users.id))
    .where(inDirectory);
  const load = await tx
    .select({ expertId: escalations.expertId, open: count() })
    .from(escalations)
    .where(eq(escalations.status, 'open'))
    .groupBy(escalations.expertId);
  const openBy = new Map(load.map((l) => [l.expertId, Number(l.open)]));
  return rows.map(({ user, profile }) => ({
    id: user.id,
    name: user.name,
    skills: user.skills,
    languages: user.languages,
    openQuestions: openBy.get(user.id) ?? 0,
    ...(profile
      ? {
          maxOpen: profile.maxOpen,
          availability: profile.availability,
          awayUntil: profile.awayUntil,
          hours: {
            timezone: profile.timezone,
            days: profile.workDays,
            start: profile.workStart,
            end: profile.workEnd,
          },
        }
      : {}),
  }));
}

/** The directory as the admin page and the API show it. */
export async function listExperts(ctx: Ctx) {
  requireActor(ctx, 'experts.read');
  const rows = await ctx.db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      skills: users.skills,
      languages: users.languages,
      profile: expertProfiles,
    })
    .from(users)
    .leftJoin(expertProfiles, eq(expertProfiles.userId, users.id))
    .where(inDirectory)
    .orderBy(users.name);
  const candidates = new Map((await loadCandidates(ctx.db)).map((c) => [c.id, c]));
  return rows.map((r) => ({ ...r, openQuestions: candidates.get(r.id)?.openQuestions ?? 0 }));
}

const minutes = z.coerce.number().int().min(0).max(1440);
const timezone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'is not a time zone (Europe/Paris, America/New_York...)');

export const availabilityInput = z.object({
  userId: z.string().min(1),
  availability: z.enum(availabilities),
  /** Until when; empty means until they come back. */
  awayUntil: z.coerce.date().nullable().optional(),
});

export const expertInput = availabilityInput.extend({
  skills: z.array(z.string().trim().toLowerCase().min(1).max(64)).max(20),
  languages: z.array(z.enum(['en', 'fr'])).min(1, 'at least one language'),
  timezone,
  workDays: z.array(z.coerce.number().int().min(1).max(7)).max(7),
  workStart: minutes,
  workEnd: minutes,
  maxOpen: z.coerce.number().int().min(1).max(100),
});

async function upsertProfile(
  tx: Db,
  ctx: Ctx,
  userId: string,
  values: Partial<typeof expertProfiles.$inferInsert>,
) {
  const now = ctx.clock.now();
  await tx
    .insert(expertProfiles)
    .values({ userId, ...values, updatedAt: now })
    .onConflictDoUpdate({ target: expertProfiles.userId, set: { ...values, updatedAt: now } });
}

/** Admins only: skills, languages, hours and limits are the routing rules. */
export async function updateExpert(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'experts.manage');
  const d = validate(expertInput, raw);
  return withTransaction(ctx.db, async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ skills: [...new Set(d.skills)], languages: d.languages, updatedAt: ctx.clock.now() })
      .where(eq(users.id, d.userId))
      .returning({ id: users.id });
    if (!user) throw new NotFoundError('User', d.userId);
    await upsertProfile(tx, ctx, d.userId, {
      timezone: d.timezone,
      workDays: [...new Set(d.workDays)].sort(),
      workStart: d.workStart,
      workEnd: d.workEnd,
      maxOpen: d.maxOpen,
      availability: d.availability,
      awayUntil: d.availability === 'available' ? null : (d.awayUntil ?? null),
    });
    await audit(tx, ctx, {
      action: 'expert.updated',
      entityType: 'user',
      entityId: d.userId,
      details: { skills: d.skills, languages: d.languages, maxOpen: d.maxOpen, availability: d.availability },
    });
    return { userId: d.userId };
  });
}

/** A person sets their own availability; an admin may set anyone's. */
export async function setAvailability(ctx: Ctx, raw: unknown) {
  const actor = requireActor(ctx, 'experts.availability');
  const d = validate(availabilityInput, raw);
  if (d.userId !== actor.id && actor.role !== 'admin') {
    throw new AppError('forbidden', 'Only an admin can change someone else’s availability');
  }
  return withTransaction(ctx.db, async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, d.userId));
    if (!user) throw new NotFoundError('User', d.userId);
    await upsertProfile(tx, ctx, d.userId, {
      availability: d.availability,
      awayUntil: d.availability === 'available' ? null : (d.awayUntil ?? null),
    });
    await audit(tx, ctx, {
      action: 'expert.availability',
      entityType: 'user',
      entityId: d.userId,
      details: { availability: d.availability, awayUntil: d.awayUntil?.toISOString() ?? null },
    });
    return { userId: d.userId, availability: d.availability };
  });
}

/** One person's own directory entry, for their availability form. */
export async function myProfile(ctx: Ctx) {
  const actor = requireActor(ctx, 'experts.availability');
  const [row] = await ctx.db
    .select({ user: users, profile: expertProfiles })
    .from(users)
    .leftJoin(expertProfiles, eq(expertProfiles.userId, users.id))
    .where(eq(users.id, actor.id));
  if (!row) throw new NotFoundError('User', actor.id);
  return {
    id: row.user.id,
    name: row.user.name,
    skills: row.user.skills,
    availability: row.profile?.availability ?? 'available',
    awayUntil: row.profile?.awayUntil ?? null,
  };
}
