/**
 * TF-IDF over words and character trigrams, cosine similarity: cheap, explainable, good enough
 * to find "the same question asked differently" among a brand's past answers, in one language.
 */

const STOP = new Set(
  'the a an and or to of in on for is are was were be it this that i you we my your our me with at by from have has can do does not no please hi hello bonjour le la les un une des et ou de du en au aux pour est sont été je tu il elle nous vous mon ma mes votre vos notre ce cette ces que qui quoi pas ne se sur avec par dans plus'.split(
    ' ',
  ),
);

export function terms(text: string): string[] {
  const words = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/https?:\/\/\S+|@\w+/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !STOP.has(w));
  const out: string[] = [];
  for (const w of words) {
    out.push(`w:${w}`);
    // Trigrams catch plurals, conjugations and typos that whole words miss.
    const padded = ` ${w} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.push(`c:${padded.slice(i, i + 3)}`);
  }
  return out;
}

type Vector = Map<string, number>;

function tf(list: string[]): Vector {
  const v: Vector = new Map();
  for (const t of list) v.set(t, (v.get(t) ?? 0) + (t.startsWith('w:') ? 2 : 1));
  return v;
}

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, x] of a) {
    na += x * x;
    const y = b.get(k);
    if (y) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Ranks documents by similarity to the query; scores are 0..1. */
export function rankBySimilarity<T>(
  query: string,
  docs: T[],
  textOf: (d: T) => string,
): { doc: T; score: number }[] {
  const docTerms = docs.map((d) => terms(textOf(d)));
  const df = new Map<string, number>();
  for (const list of docTerms) for (const t of new Set(list)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length + 1;
  const weigh = (v: Vector): Vector => {
    const out: Vector = new Map();
    for (const [k, x] of v) out.set(k, x * Math.log(1 + n / (1 + (df.get(k) ?? 0))));
    return out;
  };
  const q = weigh(tf(terms(query)));
  return docs
    .map((doc, i) => ({ doc, score: cosine(q, weigh(tf(docTerms[i]!))) }))
    .sort((a, b) => b.score - a.score);
}
