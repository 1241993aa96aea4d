/**
 * A listener's keywords, matched on our side because a feed cannot be searched. Syntax: words or
 * "quoted phrases" separated by spaces or commas; a post matches when it contains ANY of them as
 * whole words, ignoring case and accents ("cafe" finds "Café"). A leading # or @ is ignored, and
 * so is a bare OR (queries copied from other networks). An empty query matches everything.
 */

export interface KeywordMatcher {
  readonly keywords: readonly string[];
  matches(text: string): boolean;
}

/** Lower case without accents: NFD splits "é" into "e" + a combining mark, which is dropped. */
export function foldForMatch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

export function parseKeywords(query: string): string[] {
  const keywords: string[] = [];
  const pattern = /"([^"]*)"|([^\s,"]+)/g;
  for (let match = pattern.exec(query); match !== null; match = pattern.exec(query)) {
    const raw = match[1] ?? match[2] ?? '';
    if (match[2] !== undefined && raw === 'OR') continue;
    const keyword = foldForMatch(raw.replace(/^[#@]+/, ''))
      .replace(/\s+/g, ' ')
      .trim();
    if (keyword !== '' && !keywords.includes(keyword)) keywords.push(keyword);
  }
  return keywords;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function keywordMatcher(query: string): KeywordMatcher {
  const keywords = parseKeywords(query);
  if (keywords.length === 0) return { keywords, matches: () => true };
  // Whole words: no letter or digit may touch the keyword on either side ("lumo" is not in "lumos").
  const alternatives = keywords.map((keyword) => escapeRegExp(keyword).replace(/ /g, '\\s+'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'u');
  return { keywords, matches: (text) => pattern.test(foldForMatch(text)) };
}
