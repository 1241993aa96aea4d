import { can, type Permission } from '../domain/permissions';
import { AppError, ForbiddenError } from '../lib/errors';
import type { Actor, Ctx } from './context';

/** Verbs check the role themselves too, so no entry point can forget it. */
export function requireActor(ctx: Ctx, permission: Permission): Actor {
  if (!ctx.actor) throw new AppError('unauthorized', 'Sign in first');
  if (!can(ctx.actor.role, permission)) {
    throw new ForbiddenError(`A ${ctx.actor.role} may not do this (${permission})`);
  }
  return ctx.actor;
}
