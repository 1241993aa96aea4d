import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string;
  replyTo: string;
  subject: string;
  text: string;
  user: string | undefined;
  /** The whole message as received, for tests that read its HTML and attachments. */
  raw: Buffer;
}

/** A local SMTP server on 127.0.0.1 that keeps what it receives; `failNext` refuses the next messages. */
export async function startSmtp(opts: { user: string; pass: string }) {
  const received: ReceivedMail[] = [];
  let failures = 0;
  const server = new SMTPServer({
    secure: false,
    authOptional: false,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, cb) {
      if (auth.username === opts.user && auth.password === opts.pass)
        return cb(null, { user: auth.username });
      return cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (failures > 0) {
          failures -= 1;
          return cb(Object.assign(new Error('mailbox unavailable, try later'), { responseCode: 451 }));
        }
        const raw = Buffer.concat(chunks);
        const mail = await simpleParser(raw);
        const addr = (a: typeof mail.to) =>
          Array.isArray(a) ? a.map((x) => x.text).join(', ') : (a?.text ?? '');
        received.push({
          from: mail.from?.text ?? '',
          to: addr(mail.to),
          replyTo: mail.replyTo?.text ?? '',
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          user: typeof session.user === 'string' ? session.user : undefined,
          raw,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    received,
    failNext: (n: number) => {
      failures = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
