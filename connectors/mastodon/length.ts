/**
 * Status length as Mastodon's StatusLengthValidator counts it: grapheme clusters of the text, where
 * every http(s) URL counts as `characters_reserved_per_url` (23) and a mention `@user@domain`
 * counts as `@user` (the domain is free).
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** URLs with a scheme, as Mastodon's extractor finds them (it does not give concessions to bare domains). */
const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/gi;
/** Account::MENTION_RE of Mastodon: `@user` or `@user@domain`, not inside a URL or an e-mail address. */
const MENTION_PATTERN = /(?<![=/\w])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@[\w.-]+\w+)?/gi;

export function countGraphemes(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

/** Trailing punctuation belongs to the sentence, not the URL; a closing parenthesis only if unopened. */
export function trimUrl(url: string): string {
  let end = url.length;
  while (end > 0) {
    const char = url[end - 1] ?? '';
    if ('.,:;!?\'"*'.includes(char)) {
      end--;
      continue;
    }
    if (char === ')') {
      const head = url.slice(0, end);
      const opened = head.split('(').length - 1;
      const closed = head.split(')').length - 1;
      if (closed > opened) {
        end--;
        continue;
      }
    }
    break;
  }
  return url.slice(0, end);
}

export function measureMastodonText(text: string, charactersPerUrl: number): number {
  const countable = text
    .replace(URL_PATTERN, (match) => {
      const url = trimUrl(match);
      return 'x'.repeat(charactersPerUrl) + match.slice(url.length);
    })
    .replace(MENTION_PATTERN, (_whole, username: string) => `@${username}`);
  return countGraphemes(countable);
}
