import { z } from 'zod';
import { roles, users } from '../../db/schema';
import { hashPassword } from '../../lib/crypto';
import { ConflictError } from '../../lib/errors';
import type { ServiceDeps } from '../context';
import { validate } from '../validate';

export const createUserInput = z.object({
  email: z.string().trim().toLowerCase().email('is not an e-mail address'),
  name: z.string().trim().min(1, 'is required').max(200),
  role: z.enum(roles),
  password: z.string().min(10, 'must be at least 10 characters').max(200),
  locale: z.enum(['en', 'fr']).default('en'),
  skills: z.array(z.string().trim().min(1).max(64)).default([]),
  languages: z
    .array(z.enum(['en', 'fr']))
    .min(1)
    .default(['en']),
});

/** Used by the CLI, the demo seed and (later) the admin pages. */
export async function createUser(deps: ServiceDeps, raw: unknown) {
  const data = validate(createUserInput, raw);
  const rows = await deps.db
    .insert(users)
    .values({
      id: deps.ids('usr'),
      email: data.email,
      name: data.name,
      role: data.role,
      passwordHash: await hashPassword(data.password),
      locale: data.locale,
      skills: data.skills,
      languages: data.languages,
    })
    .onConflictDoNothing()
    .returning();
  if (!rows[0]) throw new ConflictError(`A user with e-mail ${data.email} already exists`);
  const { passwordHash: _, ...user } = rows[0];
  return user;
}
