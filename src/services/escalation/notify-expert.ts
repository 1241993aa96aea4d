import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cases, mentions, users } from '../../db/schema';
import type { Ctx } from '../context';
import { notify } from '../notifications/notify';
import { answerLink, signAnswerToken } from './answer-links';
import { skillNameOf } from './skill-name';

interface Routed {
  id: string;
  caseId: string;
  skill: string;
  language: string;
  expertId: string | null;
  note: string | null;
  routingReason: string;
  routingReasonFr: string;
}

/**
 * Tells the experts where they work (Slack, Teams, e-mail, webhook), with a signed link that opens
 * this one question without a seat. `round` makes a reroute a new event, so it notifies again.
 */
export async function notifyExperts(tx: Db, ctx: Ctx, esc: Routed, round = 0): Promise<number> {
  const [first] = await tx
    .select({ text: mentions.text })
    .from(mentions)
    .where(and(eq(mentions.caseId, esc.caseId), eq(mentions.fromBrand, false)))
    .orderBy(asc(mentions.postedAt))
    .limit(1);
  const [expert] = esc.expertId
    ? await tx
        .select({ name: users.name, email: users.email, locale: users.locale })
        .from(users)
        .where(eq(users.id, esc.expertId))
    : [];
  const fr = expert?.locale === 'fr';
  // The signing key may be created now: in this transaction, never on a second connection.
  const inTx = { ...ctx, db: tx };
  const question = (first?.text ?? '').slice(0, 600);
  const [c] = await tx.select({ brandId: cases.brandId }).from(cases).where(eq(cases.id, esc.caseId));
  const names = c ? await skillNameOf(tx, c.brandId, esc.skill) : undefined;
  const skill = (fr ? names?.fr : names?.en) ?? esc.skill;
  const subject = fr
    ? `Question « ${skill} » pour ${expert ? expert.name : `l’équipe ${skill}`}`
    : `A ${skill} question for ${expert ? expert.name : `the ${skill} team`}`;
  const lines = [
    `« ${question} »`,
    esc.note ? (fr ? `Note du conseiller : ${esc.note}` : `Advisor's note: ${esc.note}`) : '',
    fr ? esc.routingReasonFr : esc.routingReason,
    fr
      ? 'Répondez depuis le lien (sans compte), ou répondez à cet e-mail.'
      : 'Answer from the link (no account needed), or reply to this e-mail.',
  ].filter(Boolean);
  return notify(tx, ctx, 'experts', {
    dedupeKey: `escalation:${esc.id}:${round}`,
    subject,
    body: lines.join('\n'),
    link: await answerLink(inTx, esc.id),
    payload: {
      event: 'escalation.routed',
      escalationId: esc.id,
      caseId: esc.caseId,
      skill: esc.skill,
      language: esc.language,
      expertId: esc.expertId,
      // E-mail goes to the chosen expert; the reply carries this token back to us.
      recipient: expert?.email ?? null,
      replyToken: await signAnswerToken(inTx, esc.id),
    },
  });
}
