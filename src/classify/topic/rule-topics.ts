import type { Analyser } from '../analyse.js';
import { STOP_WORDS } from '../language/stop-words.js';
import { prepareText } from '../prepare-text.js';
import type { TopicDef } from '../types.js';
import { type CompiledTopics, compileTopics, type TopicCompilerDeps } from './compile-topics.js';
import { TOPIC_NOISE_WORDS } from './noise-words.js';

// Shared so a call without topics hits the compiled cache instead of compiling an empty list each time.
export const NO_TOPICS: readonly TopicDef[] = [];

function sameTopics(compiled: CompiledTopics, topics: readonly TopicDef[]): boolean {
  if (compiled.topics.length !== topics.length) return false;
  for (let i = 0; i < topics.length; i++) if (compiled.topics[i] !== topics[i]) return false;
  return true;
}

/** Compiles a brand's keyword and example rules once per topic list (cached by array identity). */
export function createRuleTopics(analyser: Analyser): (topics: readonly TopicDef[]) => CompiledTopics {
  const stopWords = new Set(`${STOP_WORDS.en} ${STOP_WORDS.fr}`.split(/\s+/));
  const noiseWords = new Set(TOPIC_NOISE_WORDS.split(/\s+/));
  const deps: TopicCompilerDeps = {
    tokenize: (text) => prepareText(text).tokens,
    stemmers: analyser.stemmers,
    languageOf: (text) => (analyser.languageOf(prepareText(text), null).frenchShare >= 0.5 ? 'fr' : 'en'),
    isStopWord: (token) => stopWords.has(token),
    isNoiseWord: (token) => stopWords.has(token) || noiseWords.has(token),
  };
  // Brands reuse one topic list for all their mentions: compile it once per list, recompiling if
  // the list was changed in place.
  const compiled = new WeakMap<readonly TopicDef[], CompiledTopics>();
  return (topics) => {
    const cached = compiled.get(topics);
    if (cached && sameTopics(cached, topics)) return cached;
    const fresh = compileTopics(topics, deps);
    compiled.set(topics, fresh);
    return fresh;
  };
}
