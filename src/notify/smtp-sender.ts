import nodemailer from 'nodemailer';
import { fromBase64Url } from '../lib/crypto';
import type { ChannelTarget, EmailSender, OutgoingNotification } from './notifier';

/** What an e-mail channel's settings hold; the password is the channel's sealed secret. */
export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  from: string;
  /** Reply-To with `{token}` where the answer token goes: answers+{token}@in.example.com. */
  replyTo?: string;
}

export function smtpSettingsOf(settings: Record<string, unknown> | undefined): SmtpSettings {
  const s = settings ?? {};
  const host = typeof s.host === 'string' ? s.host : '';
  const from = typeof s.from === 'string' ? s.from : '';
  if (!host || !from) throw new Error('e-mail channel has no SMTP host or sender (from) configured');
  return {
    host,
    port: Number(s.port ?? 587),
    secure: s.secure === true || s.secure === 'true',
    user: typeof s.user === 'string' && s.user ? s.user : undefined,
    from,
    replyTo: typeof s.replyTo === 'string' && s.replyTo ? s.replyTo : undefined,
  };
}

/** Inline images a notification carries (the digest's charts), shown in its HTML by `cid:`. */
function inlineImages(payload: Record<string, unknown>) {
  const list = Array.isArray(payload.images) ? payload.images : [];
  return list.flatMap((raw) => {
    const i = raw as Record<string, unknown>;
    if (typeof i.cid !== 'string' || typeof i.content !== 'string') return [];
    return [
      {
        cid: i.cid,
        filename: typeof i.filename === 'string' ? i.filename : 'image.png',
        contentType: typeof i.contentType === 'string' ? i.contentType : 'image/png',
        content: Buffer.from(fromBase64Url(i.content)),
        contentDisposition: 'inline' as const,
      },
    ];
  });
}

/**
 * E-mail over SMTP with nodemailer (Node only: the Workers build has no SMTP sockets). A fresh
 * transport per message keeps a changed setting effective at once; volumes are small.
 */
export function createSmtpSender(opts: { timeoutMs?: number } = {}): EmailSender {
  return {
    async send(channel: ChannelTarget, n: OutgoingNotification) {
      const s = smtpSettingsOf(channel.settings);
      const transport = nodemailer.createTransport({
        host: s.host,
        port: s.port,
        secure: s.secure,
        auth: s.user ? { user: s.user, pass: channel.secret ?? '' } : undefined,
        connectionTimeout: opts.timeoutMs ?? 10_000,
        greetingTimeout: opts.timeoutMs ?? 10_000,
        socketTimeout: opts.timeoutMs ?? 10_000,
        // Local relays in tests and on-premise servers often have no certificate for 127.0.0.1.
        tls: { rejectUnauthorized: s.host !== '127.0.0.1' && s.host !== 'localhost' },
      });
      const recipient = typeof n.payload.recipient === 'string' ? n.payload.recipient : channel.target;
      const token = typeof n.payload.replyToken === 'string' ? n.payload.replyToken : null;
      const replyTo = token && s.replyTo ? s.replyTo.replace('{token}', token) : undefined;
      try {
        await transport.sendMail({
          from: s.from,
          to: recipient,
          replyTo,
          subject: n.subject,
          text: `${n.body}${n.link ? `\n\n${n.link}` : ''}`,
          // The digest's HTML with its charts as related parts; plain notifications stay text only.
          html: typeof n.payload.html === 'string' ? n.payload.html : undefined,
          attachments: inlineImages(n.payload),
          headers: { 'X-Passerelle-Id': n.id },
        });
      } catch (err) {
        throw new Error(`SMTP ${s.host}:${s.port}: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        transport.close();
      }
    },
  };
}
