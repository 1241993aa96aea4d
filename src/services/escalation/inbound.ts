import { z } from 'zod';
import { inboundReceipts } from '../../db/schema';
import { stripQuoted } from '../../domain/quoted-text';
import { AppError } from '../../lib/errors';
import type { ServiceDeps } from '../context';
import { validate } from '../validate';
import { answerByLink, answerVerified } from './answer-by-link';
import { hmacHex, sameMac, signingKey } from './signing';

/** A signed request older (or newer) than this is refused: a captured one cannot be replayed later. */
export const MAX_SKEW_S = 300;

/** The common JSON shapes of inbound e-mail providers (Postmark, SendGrid-like, Mailgun-like). */
const jsonMail = z
  .object({
    from: z.string().optional(),
    From: z.string().optional(),
    to: z.union([z.string(), z.array(z.string())]).optional(),
    To: z.string().optional(),
    recipient: z.string().optional(),
    text: z.string().optional(),
    TextBody: z.string().optional(),
    'body-plain': z.string().optional(),
    StrippedTextReply: z.string().optional(),
  })
  .passthrough();

export interface InboundMail {
  from: string;
  to: string[];
  text: string;
}

export function mailFromJson(raw: unknown): InboundMail {
  const m = validate(jsonMail, raw);
  const to = [m.to, m.To, m.recipient].flat().filter((x): x is string => Boolean(x));
  return {
    from: m.from ?? m.From ?? '',
    to: to.flatMap((t) => t.split(',')).map((t) => t.trim()),
    text: m.StrippedTextReply ?? m.text ?? m.TextBody ?? m['body-plain'] ?? '',
  };
}

/** The answer token rides in the reply-to address: answers+<token>@in.example.com. */
export function tokenFromAddresses(addresses: string[]): string | null {
  for (const a of addresses) {
    const m = /\+([A-Za-z0-9_.-]+)@/.exec(a);
    if (m?.[1] && m[1].split('.').length === 3) return m[1];
  }
  return null;
}

/** An expert replied to the notification e-mail: the token authenticates, the quote is dropped. */
export async function receiveEmail(deps: ServiceDeps, mail: InboundMail) {
  const token = tokenFromAddresses(mail.to);
  if (!token) throw new AppError('unauthorized', 'No answer token in the recipient address');
  const escalationId = token.split('.')[0]!;
  const body = stripQuoted(mail.text);
  return answerByLink(deps, { escalationId, token, body }, 'email', sender(mail.from));
}

/** `"Nadia B." <nadia@x.com>` or a bare address: who replied, for a team question's answer. */
function sender(from: string): { authorName?: string; authorEmail?: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  const email = (m ? m[2] : from)?.trim() || undefined;
  const name = m?.[1]?.trim() || undefined;
  return { authorEmail: email, authorName: name ?? email };
}

const webhookBody = z.object({
  escalationId: z.string().min(1),
  body: z.string().trim().min(1, 'write the answer first').max(10_000),
});

export type WebhookRefusal = 'missing' | 'stale' | 'wrong' | 'replayed';

export class WebhookRefused extends AppError {
  readonly reason: WebhookRefusal;
  constructor(reason: WebhookRefusal) {
    const messages: Record<WebhookRefusal, string> = {
      missing: 'Sign the request: x-passerelle-timestamp and x-passerelle-signature',
      stale: 'The request timestamp is too far from now',
      wrong: 'The signature does not match the body',
      replayed: 'This signed request was already received',
    };
    super('unauthorized', messages[reason]);
    this.reason = reason;
  }
}

/**
 * A chat bot posts the expert's answer: HMAC-SHA256 over `<timestamp>.<body>` with the workspace's
 * inbound key, within five minutes, each signature once (a unique receipt refuses a replay).
 */
export async function receiveWebhook(
  deps: ServiceDeps,
  req: { rawBody: string; timestamp: string | undefined; signature: string | undefined },
) {
  if (!req.timestamp || !req.signature) throw new WebhookRefused('missing');
  const ts = Number(req.timestamp);
  if (!/^\d+$/.test(req.timestamp) || Math.abs(deps.clock.now().getTime() / 1000 - ts) > MAX_SKEW_S) {
    throw new WebhookRefused('stale');
  }
  const expected = `sha256=${await hmacHex(await signingKey(deps, 'inbound-webhook'), `${req.timestamp}.${req.rawBody}`)}`;
  if (!sameMac(req.signature, expected)) throw new WebhookRefused('wrong');
  const receipt = await deps.db
    .insert(inboundReceipts)
    .values({
      id: deps.ids('rcp'),
      source: 'webhook',
      signature: req.signature,
      receivedAt: deps.clock.now(),
    })
    .onConflictDoNothing()
    .returning({ id: inboundReceipts.id });
  if (receipt.length === 0) throw new WebhookRefused('replayed');
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.rawBody);
  } catch {
    throw new AppError('bad_request', 'The request body is not valid JSON');
  }
  const d = validate(webhookBody, parsed);
  return answerVerified(deps, d.escalationId, d.body, 'webhook');
}
