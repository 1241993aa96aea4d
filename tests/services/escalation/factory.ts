import type { Role } from '../../../src/db/schema';
import { authors, cases, mentions } from '../../../src/db/schema';
import type { Ctx } from '../../../src/services/context';
import type { TestApp } from '../../helpers/app';

let n = 0;

/** A case with one customer post, owned by the test that makes it. */
export async function makeCase(
  t: TestApp,
  o: { text: string; language?: 'en' | 'fr'; topic?: string; handle?: string; status?: 'new' | 'open' },
) {
  n += 1;
  const id = `case_t${n}_${Math.random().toString(36).slice(2, 8)}`;
  const now = t.deps.clock.now();
  const authorId = `auth_${id}`;
  const handle = o.handle ?? `customer_${n}`;
  await t.deps.db
    .insert(authors)
    .values({ id: authorId, network: 'demo', externalId: `ext_${authorId}`, handle, displayName: handle })
    .onConflictDoNothing();
  await t.deps.db.insert(cases).values({
    id,
    brandId: t.brandId,
    network: 'demo',
    threadRootExternalId: `root_${id}`,
    authorId,
    status: o.status ?? 'new',
    language: o.language ?? 'en',
    topic: o.topic ?? 'billing',
    lastMentionAt: now,
  });
  await t.deps.db.insert(mentions).values({
    id: `men_${id}`,
    brandId: t.brandId,
    network: 'demo',
    externalId: `root_${id}`,
    authorId,
    caseId: id,
    text: o.text,
    language: o.language ?? 'en',
    threadRootExternalId: `root_${id}`,
    raw: {},
    postedAt: now,
  });
  return id;
}

/** A service context acting as the demo user of that role (or that e-mail). */
export async function actAs(t: TestApp, who: Role | string): Promise<Ctx> {
  const user = await t.deps.db.query.users.findFirst({
    where: (u, { eq }) => (who.includes('@') ? eq(u.email, who) : eq(u.role, who as Role)),
  });
  if (!user) throw new Error(`no user ${who}`);
  return { ...t.deps, actor: { id: user.id, name: user.name, role: user.role } };
}
