import { simpleParser } from 'mailparser';

export interface InboundMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
}

/** Raw MIME to the few fields an answer needs (Node only: the Workers build takes JSON). */
export async function parseMime(raw: string): Promise<InboundMail> {
  const mail = await simpleParser(raw);
  const list = (a: typeof mail.to) => (Array.isArray(a) ? a : a ? [a] : []);
  return {
    from: mail.from?.value[0]?.address ?? '',
    to: [...list(mail.to), ...list(mail.cc)].flatMap((g) => g.value.map((v) => v.address ?? '')),
    subject: mail.subject ?? '',
    text: mail.text ?? '',
  };
}
