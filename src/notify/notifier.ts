import type { FetchLike } from '../../connectors/types';
import { toHex } from '../lib/crypto';

export interface OutgoingNotification {
  id: string;
  subject: string;
  body: string;
  link: string | null;
  payload: Record<string, unknown>;
}

export interface ChannelTarget {
  kind: 'slack' | 'teams' | 'webhook' | 'email';
  target: string;
  /** Unsealed HMAC secret for signed webhooks, or the SMTP password. */
  secret: string | null;
  /** Kind-specific settings (SMTP host, port, from...). */
  settings?: Record<string, unknown>;
}

/** Sends an e-mail channel's notifications; only runtimes with SMTP sockets (Node) have one. */
export interface EmailSender {
  send(channel: ChannelTarget, n: OutgoingNotification): Promise<void>;
}

/** Delivers one notification to one channel; throws with a readable message when it cannot. */
export interface Notifier {
  send(channel: ChannelTarget, n: OutgoingNotification): Promise<void>;
}

const encoder = new TextEncoder();

export async function signBody(secret: string, timestamp: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`));
  return `sha256=${toHex(new Uint8Array(mac))}`;
}

/** Slack and Teams incoming webhooks, and a generic webhook signed with HMAC-SHA256. */
export function createHttpNotifier(opts: {
  fetch: FetchLike;
  now?: () => Date;
  timeoutMs?: number;
  email?: EmailSender;
}): Notifier {
  const post = async (url: string, body: string, headers: Record<string, string> = {}) => {
    let res: Response;
    try {
      res = await opts.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new Error(
        `could not reach ${new URL(url).host}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    if (!res.ok)
      throw new Error(`${new URL(url).host} answered ${res.status} ${(await res.text()).slice(0, 200)}`);
  };
  return {
    async send(channel, n) {
      const text = `*${n.subject}*\n${n.body}${n.link ? `\n${n.link}` : ''}`;
      switch (channel.kind) {
        case 'slack':
          return post(channel.target, JSON.stringify({ text }));
        case 'teams':
          return post(channel.target, JSON.stringify({ text: text.replaceAll('\n', '\n\n') }));
        case 'webhook': {
          // Inline PNGs are for mail clients: a webhook gets the HTML and the figures, not base64 pictures.
          const { images: _images, ...payload } = n.payload;
          const body = JSON.stringify({
            id: n.id,
            subject: n.subject,
            body: n.body,
            link: n.link,
            ...payload,
          });
          const timestamp = String(Math.floor((opts.now?.() ?? new Date()).getTime() / 1000));
          const headers: Record<string, string> = {
            'x-passerelle-timestamp': timestamp,
            'x-passerelle-id': n.id,
          };
          if (channel.secret)
            headers['x-passerelle-signature'] = await signBody(channel.secret, timestamp, body);
          return post(channel.target, body, headers);
        }
        case 'email':
          if (!opts.email) throw new Error('e-mail delivery is not configured on this server (SMTP)');
          return opts.email.send(channel, n);
      }
    },
  };
}
