import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { inboxEventsSince, latestEventId } from '../../services/inbox/inbox-events';
import type { AppEnv } from '../env';
import { needs } from './guard';

const POLL_MS = 2000;
/** A stream lasts about five minutes; EventSource reconnects with Last-Event-ID, so nothing is lost. */
const MAX_POLLS = 150;

/**
 * Server-sent events for the inbox: polls the audit sequence for case changes (Workers have no
 * LISTEN/NOTIFY) and sends each as an `inbox` event whose id is the audit sequence number.
 */
export function inboxEvents(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/inbox/events', needs('inbox.read'), (c) => {
    const ctx = c.get('ctx');
    const resume = c.req.header('last-event-id') ?? c.req.query('since') ?? '';
    return streamSSE(c, async (stream) => {
      let aborted = false;
      stream.onAbort(() => {
        aborted = true;
      });
      let since = /^\d{1,15}$/.test(resume) ? Number(resume) : await latestEventId(ctx);
      await stream.writeSSE({ event: 'ready', data: String(since), retry: 3000 });
      for (let i = 0; i < MAX_POLLS && !aborted; i++) {
        const events = await inboxEventsSince(ctx, since);
        for (const e of events) {
          await stream.writeSSE({ id: String(e.id), event: 'inbox', data: JSON.stringify(e) });
          since = e.id;
        }
        await stream.sleep(POLL_MS);
      }
    });
  });
  return app;
}
