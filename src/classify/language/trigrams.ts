/**
 * Character trigrams of Latin words, each word padded with one space on both sides (" de", "de ").
 * The letters we read all sit below U+0250, so a trigram packs into 30 bits: a small integer, which
 * keeps Map lookups fast and the hot loop free of string allocation.
 */

const SPACE = 32;

function isLatinLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0x24f && c !== 0xf7);
}

export function packTrigram(a: number, b: number, c: number): number {
  return (a << 20) | (b << 10) | c;
}

/** The inverse of packTrigram for readable data files; spaces are shown as '_'. */
export function trigramToString(code: number): string {
  return String.fromCharCode(code >> 20, (code >> 10) & 0x3ff, code & 0x3ff).replaceAll(' ', '_');
}

export function trigramFromString(text: string): number {
  const t = text.replaceAll('_', ' ');
  return packTrigram(t.charCodeAt(0), t.charCodeAt(1), t.charCodeAt(2));
}

/** Visits every trigram of the (already lower-cased) text and returns how many there were. */
export function forEachTrigram(text: string, visit: (code: number) => void): number {
  let count = 0;
  let a = -1;
  let b = SPACE;
  let inWord = false;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : SPACE;
    if (isLatinLetter(c)) {
      if (a >= 0) {
        visit(packTrigram(a, b, c));
        count++;
      }
      a = b;
      b = c;
      inWord = true;
    } else if (inWord) {
      if (a >= 0) {
        visit(packTrigram(a, b, SPACE));
        count++;
      }
      // Restart padding so trigrams never straddle two words.
      a = -1;
      b = SPACE;
      inWord = false;
    }
  }
  return count;
}
