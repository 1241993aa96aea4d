/**
 * What the demo network's customers say: posts, authors and the brand's topics. The data lives in
 * one file per language so each stays readable; this module is the one place others import from.
 */
import { corpusEn } from './corpus-en';
import { corpusFr } from './corpus-fr';
import type { DemoCorpusEntry } from './corpus-types';

export { demoAuthors } from './authors';
export type {
  DemoAuthor,
  DemoCorpusEntry,
  DemoLang,
  DemoPostKind,
  DemoTopic,
  DemoTopicKey,
} from './corpus-types';
export { demoBrand, demoTopics } from './topics';

export const demoCorpus: readonly DemoCorpusEntry[] = [...corpusEn, ...corpusFr];

const indexByText = new Map<string, number>(demoCorpus.map((entry, index) => [entry.text, index]));

/**
 * The corpus entry a stored top-level post came from, found by its text; lets the server rebuild
 * the simulator's view of a thread without a column of its own. -1 when the text is not in the corpus.
 */
export function corpusIndexOfText(text: string): number {
  return indexByText.get(text) ?? -1;
}
