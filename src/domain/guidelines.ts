export interface Guidelines {
  toneNotes: string;
  forbiddenWords: string[];
  maxLength: number | null;
  signWithExpert: boolean;
}

export type Violation = { kind: 'forbidden'; word: string } | { kind: 'length'; used: number; max: number };

const fold = (s: string) => s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');

/** Forbidden words match whole words, accents and case aside ("gratuit" catches "Gratuit", not "gratuité"). */
export function checkGuidelines(g: Guidelines, text: string): Violation[] {
  const out: Violation[] = [];
  const folded = fold(text);
  for (const word of g.forbiddenWords) {
    const w = fold(word.trim());
    if (!w) continue;
    const escaped = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(folded)) {
      out.push({ kind: 'forbidden', word: word.trim() });
    }
  }
  const used = Array.from(text).length;
  if (g.maxLength && used > g.maxLength) out.push({ kind: 'length', used, max: g.maxLength });
  return out;
}

/** The brand speaks; the expert's first name is added only when the brand asks for it. */
export function signedBody(g: Guidelines, body: string, expertName: string | null): string {
  if (!g.signWithExpert || !expertName) return body;
  const first = expertName.trim().split(/\s+/)[0];
  return first ? `${body}\n– ${first}` : body;
}

export const noGuidelines: Guidelines = {
  toneNotes: '',
  forbiddenWords: [],
  maxLength: null,
  signWithExpert: false,
};
