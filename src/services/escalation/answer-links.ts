import { AppError } from '../../lib/errors';
import type { ServiceDeps } from '../context';
import { hmacBase64Url, sameMac, signingKey } from './signing';

/** A link lives long enough for an expert back from a long weekend, not forever. */
export const LINK_TTL_MS = 7 * 24 * 3600_000;

export type LinkRefusal = 'malformed' | 'tampered' | 'expired' | 'other_question';

/** Why a link was refused, kept as a code so the page can say it in the reader's language. */
export class LinkRefused extends AppError {
  readonly reason: LinkRefusal;
  constructor(reason: LinkRefusal) {
    const messages: Record<LinkRefusal, string> = {
      malformed: 'This answer link is not valid',
      tampered: 'This answer link is not valid',
      expired: 'This answer link has expired: ask the advisor for a new one',
      other_question: 'This answer link belongs to another question',
    };
    super('forbidden', messages[reason]);
    this.reason = reason;
  }
}

/**
 * The token names the escalation and its expiry, signed with the workspace key:
 * `<escalationId>.<expiresAtSeconds>.<mac>`. It opens that one question, until then.
 */
export async function signAnswerToken(deps: ServiceDeps, escalationId: string, ttlMs = LINK_TTL_MS) {
  const exp = Math.floor((deps.clock.now().getTime() + ttlMs) / 1000);
  const mac = await hmacBase64Url(await signingKey(deps, 'expert-links'), `answer:${escalationId}:${exp}`);
  return `${escalationId}.${exp}.${mac}`;
}

export async function answerLink(deps: ServiceDeps, escalationId: string, ttlMs = LINK_TTL_MS) {
  const token = await signAnswerToken(deps, escalationId, ttlMs);
  return `${deps.publicUrl}/answer/${encodeURIComponent(escalationId)}?token=${encodeURIComponent(token)}`;
}

/** Checks a token for the question it is presented on; throws LinkRefused with the reason. */
export async function verifyAnswerToken(
  deps: ServiceDeps,
  escalationId: string,
  token: string,
): Promise<void> {
  const parts = token.split('.');
  if (parts.length !== 3) throw new LinkRefused('malformed');
  const [id, expText, mac] = parts as [string, string, string];
  const exp = Number(expText);
  if (!/^\d+$/.test(expText) || !id || !mac) throw new LinkRefused('malformed');
  const expected = await hmacBase64Url(await signingKey(deps, 'expert-links'), `answer:${id}:${exp}`);
  if (!sameMac(mac, expected)) throw new LinkRefused('tampered');
  // Only a genuine token gets these answers: a forged one learns nothing about ids or dates.
  if (id !== escalationId) throw new LinkRefused('other_question');
  if (exp * 1000 <= deps.clock.now().getTime()) throw new LinkRefused('expired');
}
