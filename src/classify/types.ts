export type Lang = 'en' | 'fr' | 'other';
export type Sentiment = 'negative' | 'neutral' | 'positive';
export type Intent = 'question' | 'complaint' | 'praise' | 'other' | 'spam';

/** A label with a confidence in [0, 1]. */
export interface Scored<L extends string> {
  label: L;
  score: number;
}

/** One of a brand's topics: how to recognise it and who answers it. */
export interface TopicDef {
  key: string;
  keywords: string[];
  examples: string[];
  needsSpecialist: boolean;
  skill: string | null;
}

export interface ClassifyInput {
  text: string;
  /** The language the network guessed (X `lang`, Mastodon `language`...), if any. */
  languageHint?: string | null;
  topics: TopicDef[];
}

export interface Classification {
  language: Scored<Lang>;
  sentiment: Scored<Sentiment>;
  intent: Scored<Intent>;
  /** A topic key, or 'unsure' when no topic is confident. */
  topic: Scored<string>;
  /** 'unsure' when the topic is unsure and the intent is a question or complaint. */
  needsSpecialist: boolean | 'unsure';
  modelVersion: string;
}

/** The one interface every model implements, so a trained model can replace the rules. */
export interface Classifier {
  readonly version: string;
  classify(input: ClassifyInput): Classification;
}

export const UNSURE_TOPIC = 'unsure';
