/**
 * Turns a raw social post into what the rules read. Every regex lives at module level so nothing is
 * compiled per call; all of them are used through `replace`/`match`, which reset `lastIndex`.
 */

/** Posts are short; anything past this is a paste or an attack, and reading it would cost us throughput. */
export const MAX_ANALYSED_CHARS = 2000;

const URL_RE =
  /(?:https?:\/\/|www\.)\S+|\b[\w-]+\.(?:ly|com|fr|io|co|net|org|me|gg|xyz|link|info|shop|store)\/\S*/giu;
// Mastodon handles carry their instance: @alice@mastodon.social
const HANDLE_RE = /@[\p{L}\p{N}_.]+(?:@[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)+)?/gu;
const HASHTAG_RE = /#[\p{L}\p{N}_]+/gu;
const HASHTAG_MARK_RE = /#(?=[\p{L}\p{N}_])/gu;
const EMOJI_RE = /\p{Extended_Pictographic}/gu;
// Skin tones, joiners, variation selectors and flags carry no meaning for us once emoji are counted.
const EMOJI_GLUE_RE = /\u{FE0F}|\u{200D}|[\u{1F3FB}-\u{1F3FF}]|[\u{1F1E6}-\u{1F1FF}]/gu;
const COMBINING_RE = /\p{M}+/gu;
const LIGATURE_RE = /[œæ]/g;
// "can't" and "won't" keep a real verb so 'ca'/'wo' never look like French words.
const EN_NOT_RE = /(?:\b(ca|wo))?n['’]t\b/g;
const WORD_RE = /[\p{L}\p{N}]+/gu;
const NON_LATIN_LETTER_RE = /(?![\p{Script=Latin}])\p{L}/gu;

export interface PreparedText {
  /** The analysed slice of the original text. */
  original: string;
  /** The same without URLs and handles, case kept: where emoticons are looked for. */
  plain: string;
  /** Lower case, accent-folded, hashtag marks dropped, "n't" spelled " not": what phrase rules read. */
  folded: string;
  /** Lower case, URLs, handles, hashtags and emoji removed, accents kept: what language detection reads. */
  langText: string;
  /** Lower-case, accent-folded words, hashtag words included ("#remboursement" gives "remboursement"). */
  tokens: string[];
  emojis: string[];
  urlCount: number;
  handleCount: number;
  hashtagCount: number;
  exclamations: number;
  questionMarks: number;
  /** Share of upper-case letters among letters, 0 when there are too few letters to say. */
  upperRatio: number;
  nonLatinLetters: number;
}

function countMatches(text: string, re: RegExp): number {
  const found = text.match(re);
  return found === null ? 0 : found.length;
}

/** Removes accents so "décu", "deçu" and "decu" meet; œ is not decomposed by NFD. */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_RE, '')
    .replace(LIGATURE_RE, (c) => (c === 'œ' ? 'oe' : 'ae'));
}

function expandNot(_match: string, stem: string | undefined): string {
  if (stem === 'ca') return 'can not';
  if (stem === 'wo') return 'will not';
  return ' not';
}

export function prepareText(text: string): PreparedText {
  const original = text.length > MAX_ANALYSED_CHARS ? text.slice(0, MAX_ANALYSED_CHARS) : text;

  let exclamations = 0;
  let questionMarks = 0;
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < original.length; i++) {
    const c = original.charCodeAt(i);
    if (c === 33 /* ! */ || c === 0xff01) exclamations++;
    else if (c === 63 /* ? */ || c === 0xff1f) questionMarks++;
    else if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
  }
  const letters = upper + lower;

  const emojis = original.match(EMOJI_RE) ?? [];
  // Every link we strip has a '/' or "www.": skipping the costly pattern otherwise saves time.
  const mayLink = original.includes('/') || original.includes('www.') || original.includes('WWW.');
  const urlCount = mayLink ? countMatches(original, URL_RE) : 0;
  const withoutLinks = urlCount > 0 ? original.replace(URL_RE, ' ') : original;
  const handleCount = countMatches(withoutLinks, HANDLE_RE);
  const withoutHandles = withoutLinks.replace(HANDLE_RE, ' ');
  const hashtagCount = countMatches(withoutHandles, HASHTAG_RE);
  const lowered = withoutHandles.replace(EMOJI_RE, ' ').replace(EMOJI_GLUE_RE, '').toLowerCase();

  const langText = lowered.replace(HASHTAG_RE, ' ');
  const folded = foldAccents(lowered.replace(HASHTAG_MARK_RE, ' ')).replace(EN_NOT_RE, expandNot);

  return {
    original,
    plain: withoutHandles,
    folded,
    langText,
    tokens: folded.match(WORD_RE) ?? [],
    emojis,
    urlCount,
    handleCount,
    hashtagCount,
    exclamations,
    questionMarks,
    upperRatio: letters >= 8 ? upper / letters : 0,
    nonLatinLetters: countMatches(langText, NON_LATIN_LETTER_RE),
  };
}
