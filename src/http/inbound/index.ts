import { Hono } from 'hono';
import { AppError } from '../../lib/errors';
import { mailFromJson, receiveEmail, receiveWebhook } from '../../services/escalation/inbound';
import type { AppDeps, AppEnv } from '../env';

/**
 * Where experts' answers come back from outside: replies to the notification e-mail (raw MIME or
 * a provider's JSON) and signed chat-bot webhooks. No session: each message carries its credential.
 */
export function inboundApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/email', async (c) => {
    const type = c.req.header('content-type') ?? '';
    const raw = await c.req.text();
    let mail: { from: string; to: string[]; text: string };
    if (type.includes('json')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        throw new AppError('bad_request', 'The request body is not valid JSON');
      }
      mail = mailFromJson(parsed);
    } else if (type.includes('message/rfc822')) {
      if (!deps.parseMime) throw new AppError('bad_request', 'Raw MIME is not accepted here: post JSON');
      mail = await deps.parseMime(raw);
    } else {
      throw new AppError('bad_request', 'Post the e-mail as message/rfc822 or application/json');
    }
    const answer = await receiveEmail(deps, mail);
    return c.json({ data: { answerId: answer.id, status: answer.status } }, 201);
  });

  app.post('/webhook', async (c) => {
    const answer = await receiveWebhook(deps, {
      rawBody: await c.req.text(),
      timestamp: c.req.header('x-passerelle-timestamp'),
      signature: c.req.header('x-passerelle-signature'),
    });
    return c.json({ data: { answerId: answer.id, status: answer.status } }, 201);
  });

  return app;
}
