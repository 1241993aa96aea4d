/**
 * Reduces the HTML a network sends to plain text: never parsed into a DOM, never executed. Tags are
 * dropped (script and style with their content), block ends become line breaks, list items get a
 * dash, entities are decoded once.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '\u2026',
  mdash: '\u2014',
  ndash: '\u2013',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  laquo: '\u00ab',
  raquo: '\u00bb',
  eacute: '\u00e9',
  egrave: '\u00e8',
  agrave: '\u00e0',
  ccedil: '\u00e7',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  euro: '\u20ac',
};

/** Decodes named and numeric character references in one pass ("&amp;lt;" gives "&lt;"). */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g,
    (whole, ref: string) => {
      if (ref.startsWith('#')) {
        const hex = ref[1] === 'x' || ref[1] === 'X';
        const code = Number.parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10);
        const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
        return valid ? String.fromCodePoint(code) : '\ufffd';
      }
      return NAMED_ENTITIES[ref] ?? NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
    },
  );
}

/** Paragraph-like blocks end with a blank line, as Markdown separates them; others with a line break. */
const PARAGRAPH_END = /<\/(p|h[1-6]|blockquote|pre|ul|ol|table)\s*>/gi;
const LINE_END = /<\/(div|li|tr|section|article)\s*>/gi;

/** Tags out, line breaks for <br> and block ends, whitespace as written (used inside <pre>). */
function stripTags(html: string): string {
  return (
    html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<hr\s*\/?>/gi, '\n')
      .replace(/<li\b[^>]*>/gi, '- ')
      .replace(PARAGRAPH_END, '\n\n')
      .replace(LINE_END, '\n')
      // Only real tags go: a stray "<" of broken markup stays, as a browser would show it.
      .replace(/<\/?[a-zA-Z][^>]*>/g, '')
  );
}

export function htmlToText(html: string): string {
  // Reddit without raw_json=1 sends its *_html fields entity-escaped ("&lt;div class=\"md\"&gt;").
  const source = (/^\s*&lt;[a-z!/]/i.test(html) ? decodeEntities(html) : html)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|template|iframe|object)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(script|style|template|iframe|object)\b[^>]*>/gi, '');
  // Whitespace collapses as a browser collapses it, except in preformatted blocks (code).
  const blocks: string[] = [];
  const text = source
    .replace(/<pre\b[^>]*>([\s\S]*?)<\/pre\s*>/gi, (_, inner: string) => {
      blocks.push(stripTags(inner).replace(/\n+$/, ''));
      return `<p>\uE000${blocks.length - 1}\uE000</p>`;
    })
    .replace(/\s+/g, ' ');
  const lines = stripTags(text)
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\uE000(\d+)\uE000/g, (_, index: string) => blocks[Number(index)] ?? '');
  return decodeEntities(lines)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
