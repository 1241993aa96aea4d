import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { apiTokens, sessions, users } from '../../db/schema';
import { randomSecret, sha256, verifyPassword } from '../../lib/crypto';
import { AppError } from '../../lib/errors';
import type { Actor, ServiceDeps } from '../context';
import { validate } from '../validate';

const SESSION_DAYS = 14;

const signInInput = z.object({
  email: z.string().trim().toLowerCase().email('is not an e-mail address'),
  password: z.string().min(1, 'is required'),
});

export interface SignedIn {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  actor: Actor;
}

/** Checks the password and opens a session; the cookie carries the token, the table its hash. */
export async function signIn(deps: ServiceDeps, raw: unknown): Promise<SignedIn> {
  const { email, password } = validate(signInInput, raw);
  const [user] = await deps.db.select().from(users).where(eq(users.email, email));
  const ok =
    user?.passwordHash && !user.disabledAt ? await verifyPassword(password, user.passwordHash) : false;
  if (!user || !ok) throw new AppError('unauthorized', 'Wrong e-mail or password');
  const token = randomSecret();
  const csrfToken = randomSecret(18);
  const expiresAt = new Date(deps.clock.now().getTime() + SESSION_DAYS * 86_400_000);
  await deps.db.insert(sessions).values({ id: await sha256(token), userId: user.id, csrfToken, expiresAt });
  return { token, csrfToken, expiresAt, actor: { id: user.id, name: user.name, role: user.role } };
}

export interface SessionInfo {
  actor: Actor;
  csrfToken: string;
  locale: 'en' | 'fr';
}

export async function resolveSession(deps: ServiceDeps, token: string): Promise<SessionInfo | null> {
  const [row] = await deps.db
    .select({ user: users, csrfToken: sessions.csrfToken })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, await sha256(token)),
        gt(sessions.expiresAt, deps.clock.now()),
        isNull(users.disabledAt),
      ),
    );
  if (!row) return null;
  return {
    actor: { id: row.user.id, name: row.user.name, role: row.user.role },
    csrfToken: row.csrfToken,
    locale: row.user.locale,
  };
}

export async function signOut(deps: ServiceDeps, token: string): Promise<void> {
  await deps.db.delete(sessions).where(eq(sessions.id, await sha256(token)));
}

/** API tokens are shown once, stored hashed; `psl_` makes a leaked one easy to recognise. */
export async function createApiToken(deps: ServiceDeps, userId: string, name: string): Promise<string> {
  const token = `psl_${randomSecret()}`;
  await deps.db
    .insert(apiTokens)
    .values({ id: deps.ids('tok'), userId, name, tokenHash: await sha256(token) });
  return token;
}

export async function resolveApiToken(deps: ServiceDeps, token: string): Promise<Actor | null> {
  const [row] = await deps.db
    .select({ user: users, tokenId: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, await sha256(token)),
        isNull(apiTokens.revokedAt),
        isNull(users.disabledAt),
      ),
    );
  if (!row) return null;
  await deps.db.update(apiTokens).set({ lastUsedAt: deps.clock.now() }).where(eq(apiTokens.id, row.tokenId));
  return { id: row.user.id, name: row.user.name, role: row.user.role };
}
