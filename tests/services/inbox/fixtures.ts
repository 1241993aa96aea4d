import { eq } from 'drizzle-orm';
import { mentions, type Role } from '../../../src/db/schema';
import { asSystem, type Ctx } from '../../../src/services/context';
import { storeMentions } from '../../../src/services/listening/store-mentions';
import type { TestApp } from '../../helpers/app';

let seq = 0;

/** A customer post stored as the listener would store it, opening (or joining) a case. */
export async function customerPost(
  t: TestApp,
  text: string,
  opts: { handle?: string; thread?: string; displayName?: string | null; minutesAgo?: number } = {},
): Promise<{ caseId: string; externalId: string }> {
  seq += 1;
  const externalId = `inbox-${seq}-${Math.random().toString(36).slice(2, 8)}`;
  const classification = t.deps.classifier.classify({ text, topics: [] });
  await storeMentions(
    t.deps.db,
    asSystem(t.deps),
    { brandId: t.brandId, listenerId: null, network: 'demo' },
    [
      {
        fromBrand: false,
        classification,
        mention: {
          externalId,
          text,
          url: `https://demo.example/posts/${externalId}`,
          createdAt: new Date(t.deps.clock.now().getTime() - (opts.minutesAgo ?? 5) * 60_000).toISOString(),
          ...(opts.thread ? { inReplyToId: opts.thread, threadRootId: opts.thread } : {}),
          author: {
            externalId: `author-${opts.handle ?? seq}`,
            handle: opts.handle ?? `customer_${seq}`,
            displayName: opts.displayName ?? null,
            url: null,
            followers: 100,
          },
          raw: {},
        },
      },
    ],
  );
  const [row] = await t.deps.db.select().from(mentions).where(eq(mentions.externalId, externalId));
  if (!row?.caseId) throw new Error('no case opened');
  return { caseId: row.caseId, externalId };
}

export async function actorCtx(t: TestApp, who: Role | string): Promise<Ctx> {
  const user = await t.deps.db.query.users.findFirst({
    where: (u, { eq }) => (who.includes('@') ? eq(u.email, who) : eq(u.role, who as Role)),
  });
  if (!user) throw new Error(`no user ${who}`);
  return { ...t.deps, actor: { id: user.id, name: user.name, role: user.role } };
}
