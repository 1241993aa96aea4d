/**
 * HTML reduced to plain text, for the HTML that Mastodon (and the servers federating with it) puts
 * in `content`. Nothing here builds a DOM or evaluates anything: tags are read as text, dropped, and
 * only line structure is kept. The result is text for storage; whoever shows it still escapes it.
 */

export interface HtmlToTextOptions {
  /**
   * Mentions of the status (`status.mentions`): a mention link whose href is one of these URLs is
   * written as `@acct`, so a remote user keeps the domain the HTML does not show.
   */
  mentions?: ReadonlyArray<{ url: string; acct: string }> | null;
}

/** Elements whose content is never text for a reader. */
const DROPPED = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'svg',
  'head',
  'title',
]);
/** Elements that stand on their own lines. */
const BLOCKS = new Set([
  'p',
  'div',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'tr',
  'section',
  'article',
  'header',
  'footer',
  'figure',
  'hr',
]);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  shy: '',
  zwj: '\u200d',
  zwnj: '\u200c',
  aelig: 'æ',
  AElig: 'Æ',
  oelig: 'œ',
  OElig: 'Œ',
  oslash: 'ø',
  Oslash: 'Ø',
  szlig: 'ß',
  eth: 'ð',
  thorn: 'þ',
  iexcl: '¡',
  iquest: '¿',
  deg: '°',
  middot: '·',
  bull: '•',
  times: '×',
  divide: '÷',
  sect: '§',
  para: '¶',
  cent: '¢',
  pound: '£',
  yen: '¥',
};

/** `&eacute;`, `&Ccedil;`, `&ouml;`...: a letter and a diacritic that compose to one character. */
const DIACRITICS: Record<string, string> = {
  acute: '\u0301',
  grave: '\u0300',
  circ: '\u0302',
  tilde: '\u0303',
  uml: '\u0308',
  ring: '\u030a',
  cedil: '\u0327',
};

function namedEntity(name: string): string | undefined {
  const known = NAMED_ENTITIES[name];
  if (known !== undefined) return known;
  const match = /^([a-zA-Z])(acute|grave|circ|tilde|uml|ring|cedil)$/.exec(name);
  if (!match?.[1] || !match[2]) return undefined;
  const composed = `${match[1]}${DIACRITICS[match[2]]}`.normalize('NFC');
  return [...composed].length === 1 ? composed : undefined;
}

/** Decodes character references; an unknown or invalid one stays as written rather than vanish. */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g,
    (whole, ref: string) => {
      if (ref.startsWith('#')) {
        const hex = ref[1] === 'x' || ref[1] === 'X';
        const code = Number.parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10);
        // NUL, surrogates and out-of-range points are not characters (HTML spec: U+FFFD).
        if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
        return String.fromCodePoint(code);
      }
      return namedEntity(ref) ?? NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
    },
  );
}

function attributes(source: string): Record<string, string> {
  const result: Record<string, string> = {};
  const pattern = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const match of source.matchAll(pattern)) {
    const name = match[1]?.toLowerCase();
    if (name) result[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return result;
}

interface OpenLink {
  href: string;
  /** Replaces the link's text (a mention written with its full acct). */
  replacement: string | null;
  text: string;
}

/** `<p>Hi <a href="…" class="mention">@<span>sam</span></a></p>` -> `Hi @sam@example.org`. */
export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
  const mentionByUrl = new Map((options.mentions ?? []).map((m) => [m.url, m.acct]));
  const out: string[] = [];
  let dropDepth = 0;
  let droppedTag: string | null = null;
  let preDepth = 0;
  let link: OpenLink | null = null;

  const write = (text: string) => {
    if (link) link.text += text;
    else out.push(text);
  };
  const breakLine = (count: 1 | 2) => write(count === 1 ? '\n' : '\n\n');

  const token =
    /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[!?][^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>|([^<]+)|(<)/g;
  for (const match of html.matchAll(token)) {
    const [, closing, rawName, attrSource, text, stray] = match;
    if (text !== undefined || stray !== undefined) {
      if (dropDepth > 0) continue;
      const decoded = decodeEntities(text ?? '<');
      write(preDepth > 0 ? decoded : decoded.replace(/[ \t\r\n\f]+/g, ' '));
      continue;
    }
    if (rawName === undefined) continue; // comment, doctype, CDATA, processing instruction
    const name = rawName.toLowerCase();
    const isClosing = closing === '/';

    if (dropDepth > 0) {
      if (name === droppedTag) dropDepth += isClosing ? -1 : 1;
      continue;
    }
    if (DROPPED.has(name) && !isClosing && !/\/\s*$/.test(attrSource ?? '')) {
      dropDepth = 1;
      droppedTag = name;
      continue;
    }

    if (name === 'br') {
      breakLine(1);
    } else if (name === 'li') {
      if (!isClosing) write('\n- ');
    } else if (name === 'pre') {
      preDepth = Math.max(0, preDepth + (isClosing ? -1 : 1));
      breakLine(2);
    } else if (BLOCKS.has(name)) {
      breakLine(2);
    } else if (name === 'td' || name === 'th') {
      if (isClosing) write(' ');
    } else if (name === 'a') {
      if (!isClosing && link === null) {
        const attrs = attributes(attrSource ?? '');
        const href = attrs.href ?? '';
        const acct = mentionByUrl.get(href);
        link = { href, replacement: acct ? `@${acct}` : null, text: '' };
      } else if (isClosing && link !== null) {
        const done: OpenLink = link;
        link = null;
        write(linkText(done));
      }
    }
  }
  if (link !== null) out.push(linkText(link));
  return tidy(out.join(''));
}

/**
 * Mastodon writes a link's full URL in its text (part of it in an invisible span), so the text is
 * enough. Other servers label links: the label is kept and an http(s) target follows it, so the
 * reader still sees where it goes. Other schemes (javascript:, data:) are never surfaced.
 */
function linkText(link: OpenLink): string {
  if (link.replacement) return link.replacement;
  const label = link.text.trim();
  const href = link.href.trim();
  if (!/^https?:\/\//i.test(href)) return link.text;
  if (label === '') return href;
  const bare = (url: string) => url.replace(/^https?:\/\//i, '').replace(/\/$/, '');
  if (bare(label) === bare(href) || label.startsWith('#') || label.startsWith('@')) return link.text;
  return `${link.text} (${href})`;
}

function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/g, '').replace(/^ +/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
