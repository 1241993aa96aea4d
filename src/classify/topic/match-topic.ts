import type { Stem } from '../stemming.js';
import { type Scored, UNSURE_TOPIC } from '../types.js';
import type { CompiledTopics } from './compile-topics.js';

// One keyword hit gives about 0.6, two about 0.85: a keyword is strong evidence, examples back it up.
const KEYWORD_RATE = 0.9;
const CONFIDENT = 0.5;
const MIN_MARGIN = 0.15;
/** "hub" alone for the keyword "hub offline": a hint, worth part of a keyword. */
const PARTIAL_KEYWORD = 0.5;

function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

export interface TopicMatch extends Scored<string> {
  /** Index in the topic list, or -1 for 'unsure'. */
  index: number;
}

/**
 * Scores every topic by keywords and by similarity to its examples, and keeps the best if it is clear.
 * `evidence` (per topic, in list order, 0..1) is a trained model's say, combined by the same noisy-or.
 */
export function matchTopic(
  compiled: CompiledTopics,
  tokens: readonly string[],
  stem: Stem,
  evidence?: ArrayLike<number>,
): TopicMatch {
  const { topics, seen, textWeights, keywordIndex, vocabulary, idf } = compiled;
  if (topics.length === 0) return { label: UNSURE_TOPIC, score: 0, index: -1 };

  seen.fill(0);
  let textNorm = 0;
  const touched: number[] = [];
  for (const token of tokens) {
    const stemmed = token.length >= 3 ? stem(token) : token;
    const direct = keywordIndex.get(token);
    if (direct) for (const [k, p] of direct) seen[k] = (seen[k] ?? 0) | (1 << p);
    if (stemmed !== token) {
      const viaStem = keywordIndex.get(stemmed);
      if (viaStem) for (const [k, p] of viaStem) seen[k] = (seen[k] ?? 0) | (1 << p);
    }
    const id = vocabulary.get(stemmed);
    if (id !== undefined && textWeights[id] === 0) {
      const w = idf[id] ?? 0;
      textWeights[id] = w;
      textNorm += w * w;
      touched.push(id);
    }
  }

  const keywordMass = new Float64Array(topics.length);
  for (let k = 0; k < seen.length; k++) {
    const mask = seen[k] ?? 0;
    if (mask === 0) continue;
    const t = compiled.keywordTopic[k] ?? 0;
    const weight = compiled.keywordWeight[k] ?? 0;
    const found =
      mask === compiled.keywordFull[k]
        ? weight
        : weight * PARTIAL_KEYWORD * (bitCount(mask) / (compiled.keywordParts[k] ?? 1));
    keywordMass[t] = (keywordMass[t] ?? 0) + found;
  }

  // Cosine over the vocabulary of the examples only: words a brand never listed neither help nor hurt.
  const exampleBest = new Float64Array(topics.length);
  if (textNorm > 0) {
    const norm = Math.sqrt(textNorm);
    for (const example of compiled.examples) {
      let dot = 0;
      let shared = 0;
      for (let i = 0; i < example.terms.length; i++) {
        const w = textWeights[example.terms[i] ?? 0] ?? 0;
        if (w === 0) continue;
        dot += (example.weights[i] ?? 0) * w;
        shared++;
      }
      if (shared === 0) continue;
      // One shared word is weak evidence ("order" in "where is my order"): two or more are needed
      // before an example alone can make a topic confident.
      const similarity = (dot / (norm * example.norm)) * (shared / (shared + 1));
      if (similarity > (exampleBest[example.topic] ?? 0)) exampleBest[example.topic] = similarity;
    }
  }
  for (const id of touched) textWeights[id] = 0;

  let best = -1;
  let bestScore = 0;
  let secondScore = 0;
  for (let t = 0; t < topics.length; t++) {
    const keyword = 1 - Math.exp(-KEYWORD_RATE * (keywordMass[t] ?? 0));
    const example = exampleBest[t] ?? 0;
    // Noisy-or: either kind of evidence can carry the topic, both together make it surer.
    const learned = evidence?.[t] ?? 0;
    const score = 1 - (1 - keyword) * (1 - example * 0.9) * (1 - learned);
    if (score > bestScore) {
      secondScore = bestScore;
      bestScore = score;
      best = t;
    } else if (score > secondScore) secondScore = score;
  }

  const topic = best >= 0 ? topics[best] : undefined;
  if (topic === undefined || bestScore < CONFIDENT || bestScore - secondScore < MIN_MARGIN) {
    return { label: UNSURE_TOPIC, score: Math.min(bestScore, CONFIDENT - 0.01), index: -1 };
  }
  return { label: topic.key, score: bestScore, index: best };
}
