/**
 * HTML reduced to plain text, for feeds and any network that sends HTML (Hacker News, forums).
 * Pure string work: nothing is parsed into a DOM, rendered or executed. Tags are dropped, entities
 * decoded, block elements become line breaks, script/style contents vanish, and a link whose text
 * is a shortened copy of its address (Hacker News writes "https://example.com/very/lo...") is
 * replaced by the full address so nothing useful is lost.
 */

/**
 * Named entities worth knowing: XML's five, all of Latin-1 and the typographic ones that real feeds
 * use. An unknown name is left as written rather than guessed.
 */
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  iexcl: '¡',
  cent: '¢',
  pound: '£',
  curren: '¤',
  yen: '¥',
  brvbar: '¦',
  sect: '§',
  uml: '¨',
  copy: '©',
  ordf: 'ª',
  laquo: '«',
  not: '¬',
  shy: '\u00ad',
  reg: '®',
  macr: '¯',
  deg: '°',
  plusmn: '±',
  sup2: '²',
  sup3: '³',
  acute: '´',
  micro: 'µ',
  para: '¶',
  middot: '·',
  cedil: '¸',
  sup1: '¹',
  ordm: 'º',
  raquo: '»',
  frac14: '¼',
  frac12: '½',
  frac34: '¾',
  iquest: '¿',
  Agrave: 'À',
  Aacute: 'Á',
  Acirc: 'Â',
  Atilde: 'Ã',
  Auml: 'Ä',
  Aring: 'Å',
  AElig: 'Æ',
  Ccedil: 'Ç',
  Egrave: 'È',
  Eacute: 'É',
  Ecirc: 'Ê',
  Euml: 'Ë',
  Igrave: 'Ì',
  Iacute: 'Í',
  Icirc: 'Î',
  Iuml: 'Ï',
  ETH: 'Ð',
  Ntilde: 'Ñ',
  Ograve: 'Ò',
  Oacute: 'Ó',
  Ocirc: 'Ô',
  Otilde: 'Õ',
  Ouml: 'Ö',
  times: '×',
  Oslash: 'Ø',
  Ugrave: 'Ù',
  Uacute: 'Ú',
  Ucirc: 'Û',
  Uuml: 'Ü',
  Yacute: 'Ý',
  THORN: 'Þ',
  szlig: 'ß',
  agrave: 'à',
  aacute: 'á',
  acirc: 'â',
  atilde: 'ã',
  auml: 'ä',
  aring: 'å',
  aelig: 'æ',
  ccedil: 'ç',
  egrave: 'è',
  eacute: 'é',
  ecirc: 'ê',
  euml: 'ë',
  igrave: 'ì',
  iacute: 'í',
  icirc: 'î',
  iuml: 'ï',
  eth: 'ð',
  ntilde: 'ñ',
  ograve: 'ò',
  oacute: 'ó',
  ocirc: 'ô',
  otilde: 'õ',
  ouml: 'ö',
  divide: '÷',
  oslash: 'ø',
  ugrave: 'ù',
  uacute: 'ú',
  ucirc: 'û',
  uuml: 'ü',
  yacute: 'ý',
  thorn: 'þ',
  yuml: 'ÿ',
  OElig: 'Œ',
  oelig: 'œ',
  Scaron: 'Š',
  scaron: 'š',
  Yuml: 'Ÿ',
  fnof: 'ƒ',
  circ: 'ˆ',
  tilde: '˜',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  zwnj: '\u200c',
  zwj: '\u200d',
  lrm: '\u200e',
  rlm: '\u200f',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  dagger: '†',
  Dagger: '‡',
  bull: '•',
  hellip: '…',
  permil: '‰',
  prime: '′',
  Prime: '″',
  lsaquo: '‹',
  rsaquo: '›',
  euro: '€',
  trade: '™',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  harr: '↔',
  minus: '−',
  le: '≤',
  ge: '≥',
  ne: '≠',
  asymp: '≈',
  infin: '∞',
  check: '✓',
};

/**
 * Numeric references 0x80-0x9F name windows-1252 characters in practice (HTML spec, "numeric
 * character reference end state"): `&#146;` is a right quote, not a control code.
 */
const WINDOWS_1252_C1: Record<number, number> = {
  128: 0x20ac,
  130: 0x201a,
  131: 0x0192,
  132: 0x201e,
  133: 0x2026,
  134: 0x2020,
  135: 0x2021,
  136: 0x02c6,
  137: 0x2030,
  138: 0x0160,
  139: 0x2039,
  140: 0x0152,
  142: 0x017d,
  145: 0x2018,
  146: 0x2019,
  147: 0x201c,
  148: 0x201d,
  149: 0x2022,
  150: 0x2013,
  151: 0x2014,
  152: 0x02dc,
  153: 0x2122,
  154: 0x0161,
  155: 0x203a,
  156: 0x0153,
  158: 0x017e,
  159: 0x0178,
};

export function windows1252C1(byte: number): number | undefined {
  return WINDOWS_1252_C1[byte];
}

function codePointText(code: number): string {
  const mapped = WINDOWS_1252_C1[code] ?? code;
  if (mapped === 0 || mapped > 0x10ffff || (mapped >= 0xd800 && mapped <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(mapped);
}

/** Decodes character references once: `&amp;lt;` gives `&lt;`, as an HTML or XML reader would. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g,
    (whole, dec, hex, name) => {
      if (dec !== undefined) return codePointText(Number.parseInt(dec, 10));
      if (hex !== undefined) return codePointText(Number.parseInt(hex, 16));
      return Object.hasOwn(NAMED_ENTITIES, name) ? (NAMED_ENTITIES[name] as string) : whole;
    },
  );
}

/** Elements whose content is never text a person reads. */
const DROPPED_ELEMENTS = [
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'svg',
  'math',
  'head',
];

/** Elements that start and end a block: a line break on each side. */
const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tr',
  'ul',
]);

/** Elements whose start is a paragraph break: two line breaks. */
const PARAGRAPH_ELEMENTS = new Set(['p', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table']);

// A tag: name, then attributes where a quoted value may hold '>' (href="a>b").
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

/**
 * Marks kept apart from text until the end, so whitespace folding cannot eat them. Private-use
 * characters, removed from the input first so a document cannot forge one.
 */
const LINE = '\ue000';
const PARA = '\ue001';
/** A block boundary: several in a row (`</li><li>`, `</div></div>`) make one line break. */
const BLOCK = '\ue002';

/**
 * Plain text of an HTML fragment: tags removed, entities decoded, paragraphs and line breaks kept,
 * runs of spaces folded, control characters removed. Never throws on broken markup.
 */
export function htmlToText(html: string): string {
  let source = html.replace(/[\ue000-\ue002]/g, '').replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  source = source.replace(/<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g, (_m, inner: string) => escapeText(inner));
  source = source.replace(/<!(?:DOCTYPE|doctype)[^>]*>/g, '');
  for (const name of DROPPED_ELEMENTS) {
    source = source.replace(new RegExp(`<${name}\\b[\\s\\S]*?(?:</${name}\\s*>|$)`, 'gi'), ' ');
  }

  const out: string[] = [];
  let preDepth = 0;
  let link: { href: string; start: number } | null = null;
  let last = 0;
  const pushText = (raw: string) => {
    if (raw === '') return;
    const text = decodeEntities(raw);
    out.push(preDepth > 0 ? text.replace(/\r\n?/g, '\n').replace(/\n/g, LINE) : text.replace(/\s+/g, ' '));
  };

  TAG.lastIndex = 0;
  for (let match = TAG.exec(source); match !== null; match = TAG.exec(source)) {
    pushText(source.slice(last, match.index));
    last = TAG.lastIndex;
    const closing = match[1] === '/';
    const name = (match[2] ?? '').toLowerCase();
    const attributes = match[3] ?? '';
    if (name === 'br') {
      out.push(LINE);
    } else if (name === 'a') {
      if (!closing) {
        const href = HREF.exec(attributes);
        const value = href ? decodeEntities(href[1] ?? href[2] ?? href[3] ?? '').trim() : '';
        link = /^https?:\/\//i.test(value) ? { href: value, start: out.length } : null;
      } else if (link) {
        expandShortenedLink(out, link);
        link = null;
      }
    } else if (BLOCK_ELEMENTS.has(name)) {
      if (name === 'pre') preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
      out.push(!closing && PARAGRAPH_ELEMENTS.has(name) ? PARA : closing && name === 'p' ? PARA : BLOCK);
      if (name === 'li' && !closing) out.push('- ');
    } else if (name === 'td' || name === 'th') {
      if (closing) out.push(' ');
    }
  }
  pushText(source.slice(last));
  if (link) expandShortenedLink(out, link);
  return tidy(out.join(''));
}

/**
 * Text that must appear literally inside markup (CDATA content): escaped so the entity pass
 * gives it back unchanged.
 */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function expandShortenedLink(out: string[], link: { href: string; start: number }): void {
  const text = out.slice(link.start).join('').trim();
  const stem = text.replace(/(?:\.\.\.|…)$/, '');
  if (stem.length >= 8 && stem !== text && link.href.startsWith(stem)) {
    out.splice(link.start, out.length - link.start, link.href);
  }
}

/** Folds whitespace around the line marks, keeps at most one blank line, trims. */
function tidy(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/\u00a0/g, ' ')
      .replace(/(?:[ \t]*\ue002[ \t]*)+/g, BLOCK)
      .replace(/\ue002?\ue001\ue002?/g, PARA)
      .replace(/\ue002/g, LINE)
      .split(PARA)
      .map((paragraph) =>
        paragraph
          .split(LINE)
          .map((line) => line.replace(/[ \t]+/g, ' ').trim())
          .join('\n'),
      )
      .join('\n\n')
      .replace(/\n[ \t]+/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/** Plain text that arrives as plain text (Atom `type="text"`): only whitespace is tidied. */
export function plainText(text: string): string {
  return tidy(
    text
      .replace(/[\ue000\ue001]/g, '')
      .replace(/\r\n?/g, '\n')
      .replace(/\n/g, LINE),
  );
}

/** A text construct to plain text by its type: HTML and XHTML are reduced, plain text is tidied. */
export function textOf(value: { type: 'text' | 'html' | 'xhtml'; value: string } | null): string {
  if (!value) return '';
  return value.type === 'text' ? plainText(value.value) : htmlToText(value.value);
}
