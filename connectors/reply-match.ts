/**
 * Whether a post found in a thread is the reply we tried to send. Networks rewrite text a little
 * (X wraps links in t.co, Reddit trims, Mastodon prefixes the @mention), so both sides are reduced
 * to their words without links, mentions or spacing before they are compared.
 */
export function isSameReplyText(sent: string, found: string): boolean {
  const a = reduce(sent);
  return a !== '' && a === reduce(found);
}

function reduce(text: string): string {
  return text
    .normalize('NFC')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/(^|\s)@[\w.@-]+/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
