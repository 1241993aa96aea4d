/** Shapes of the demo corpus, apart from the data so the data files stay plain lists. */

export type DemoLang = 'en' | 'fr';

export type DemoPostKind =
  | 'standard-question'
  | 'specialist-question'
  | 'complaint'
  | 'praise'
  | 'noise'
  | 'spam';

export type DemoTopicKey = 'billing' | 'technical' | 'delivery' | 'account' | 'general';

export interface DemoCorpusEntry {
  text: string;
  lang: DemoLang;
  kind: DemoPostKind;
  /** Null for noise and spam: they are about nothing the brand handles. */
  topic: DemoTopicKey | null;
  /** What the same customer writes later in the same thread while nobody answers, in order. */
  followUps?: readonly string[];
}

export interface DemoAuthor {
  /** Without '@'. */
  handle: string;
  name: string;
  followers: number;
  lang: DemoLang;
}

export interface DemoTopic {
  key: DemoTopicKey;
  label: Record<DemoLang, string>;
  keywords: Record<DemoLang, readonly string[]>;
  examples: Record<DemoLang, readonly string[]>;
  /** Billing and technical questions go to experts; the others are answered by advisors. */
  needsSpecialist: boolean;
  skill: 'billing' | 'technical' | null;
}
