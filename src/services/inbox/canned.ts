import { and, asc, eq } from 'drizzle-orm';
import { authors, brands, cannedResponses, cases, mentions } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';

export interface CannedVars {
  name: string;
  handle: string;
  caseLink: string;
  caseRef: string;
  due?: string;
}

function at(handle: string): string {
  return handle.startsWith('@') || handle.includes('/') ? handle : `@${handle}`;
}

/**
 * Fills a template's variables ({name}, {handle}, {caseLink} or {case_link}, {caseRef}, {due}). A
 * template naming nobody is addressed to the customer's handle, so no two public replies are the
 * same text (networks refuse duplicates, and customers notice copy-paste).
 */
export function renderCanned(body: string, vars: CannedVars): string {
  const personal = /\{(name|handle)\}/.test(body);
  const text = body.replace(
    /\{(name|handle|caseLink|case_link|caseRef|case_ref|due)\}/g,
    (_, key: string) => {
      if (key === 'name') return vars.name;
      if (key === 'handle') return vars.handle;
      if (key === 'caseLink' || key === 'case_link') return vars.caseLink;
      if (key === 'caseRef' || key === 'case_ref') return vars.caseRef;
      return vars.due ?? '';
    },
  );
  return personal ? text : `${vars.handle} ${text}`;
}

export function formatDue(due: Date | null, language: 'en' | 'fr', timeZone: string): string {
  if (!due) return language === 'fr' ? 'dès que possible' : 'as soon as possible';
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone,
    weekday: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(due);
}

/** The brand's canned responses in the language of the case, with this customer's details filled in. */
export async function cannedFor(ctx: Ctx, caseId: string) {
  requireActor(ctx, 'case.reply');
  const [row] = await ctx.db
    .select({ c: cases, author: authors, brand: brands })
    .from(cases)
    .innerJoin(authors, eq(authors.id, cases.authorId))
    .innerJoin(brands, eq(brands.id, cases.brandId))
    .where(eq(cases.id, caseId));
  if (!row) throw new NotFoundError('Case', caseId);
  const language =
    row.c.language === 'fr' || row.c.language === 'en' ? row.c.language : row.brand.defaultLanguage;
  const [post] = await ctx.db
    .select({ url: mentions.url })
    .from(mentions)
    .where(and(eq(mentions.caseId, caseId), eq(mentions.fromBrand, false)))
    .orderBy(asc(mentions.postedAt))
    .limit(1);
  const vars: CannedVars = {
    name: row.author.displayName?.split(' ')[0] || at(row.author.handle),
    handle: at(row.author.handle),
    caseLink: post?.url ?? `${ctx.publicUrl}/cases/${encodeURIComponent(caseId)}`,
    caseRef: `#${caseId.slice(-6).toUpperCase()}`,
    due: formatDue(row.c.resolutionDueAt, language, row.brand.timezone),
  };
  const templates = await ctx.db
    .select()
    .from(cannedResponses)
    .where(and(eq(cannedResponses.brandId, row.c.brandId), eq(cannedResponses.language, language)))
    .orderBy(asc(cannedResponses.title));
  const rendered = templates.map((t) => ({
    id: t.id,
    title: t.title,
    topic: t.topic,
    purpose: t.purpose,
    body: renderCanned(t.body, vars),
  }));
  return {
    language,
    answers: rendered.filter((r) => r.purpose === 'answer'),
    holding: rendered.filter((r) => r.purpose === 'holding'),
  };
}
