/**
 * How much should a brand's own topic model (trained on its topics plus advisors' corrections)
 * count beside the keyword rules? Simulates brands on Banking77: each brand has 12 of its
 * categories as topics, defined by 3 example phrases and the category's name as keywords, then
 * C corrections per topic (weight 4, as the retrain-models job gives them). Measures, on a held-out
 * 20% split, the accuracy on the brand's own categories (unsure counts as wrong) and how often a
 * text from another category is left unsure (it must not go to the wrong team), for several
 * values of `ownTopicModelWeight`.
 *
 *   npx tsx scripts/measure-topic-weight.ts [datasets-dir]
 */
import { join } from 'node:path';
import {
  createModelClassifier,
  type TopicDef,
  topicExamplesFrom,
  trainTopicModel,
  UNSURE_TOPIC,
} from '../src/classify';
import { readBanking77 } from '../src/classify/datasets-node';
import { seededRandom, shuffleInPlace, stratifiedSplit } from '../src/classify/linear/random';
import type { LabelledText } from '../src/classify/linear/train';

const datasets = process.argv[2] ?? join(process.cwd(), '..', 'shared', 'datasets');
const WEIGHTS = [0, 0.3, 0.5, 0.7, 0.9, 1];
const CORRECTIONS = [0, 5, 20];
const BRANDS = 4;
const TOPICS = 12;
const EXAMPLES = 3;
const CORRECTION_WEIGHT = 4;
const OOS_SAMPLE = 300;

const all = readBanking77(join(datasets, 'banking77'));
const { train, heldOut } = stratifiedSplit(all, 0.2, 7);
const byLabel = new Map<string, LabelledText[]>();
for (const d of train) byLabel.set(d.label, [...(byLabel.get(d.label) ?? []), d]);
const categories = [...byLabel.keys()].sort();

type Score = { inScope: number; inTotal: number; oosUnsure: number; oosTotal: number };
const results = new Map<string, Score>();

for (let b = 0; b < BRANDS; b++) {
  const random = seededRandom(100 + b);
  const chosen = shuffleInPlace([...categories], random).slice(0, TOPICS);
  const mine = new Set(chosen);
  const pools = new Map(chosen.map((c) => [c, shuffleInPlace([...(byLabel.get(c) ?? [])], random)]));
  const topics: TopicDef[] = chosen.map((c) => ({
    key: c,
    keywords: [c.replace(/_/g, ' ')],
    examples: (pools.get(c) ?? []).slice(0, EXAMPLES).map((d) => d.text),
    needsSpecialist: false,
    skill: null,
  }));
  const inScope = heldOut.filter((d) => mine.has(d.label));
  const oos = shuffleInPlace(
    heldOut.filter((d) => !mine.has(d.label)),
    random,
  ).slice(0, OOS_SAMPLE);
  for (const c of CORRECTIONS) {
    const corrections = chosen.flatMap((k) =>
      (pools.get(k) ?? [])
        .slice(EXAMPLES, EXAMPLES + c)
        .map((d) => ({ text: d.text, topic: k, weight: CORRECTION_WEIGHT })),
    );
    const model =
      c > 0 ? trainTopicModel([...topicExamplesFrom(topics), ...corrections], { name: 'sim' }) : null;
    for (const w of WEIGHTS) {
      const classifier = createModelClassifier(
        {},
        { ownTopicModelWeight: w, topicModelFor: (list) => (list === topics ? model : null) },
      );
      const key = `${c}\t${w}`;
      const s = results.get(key) ?? { inScope: 0, inTotal: 0, oosUnsure: 0, oosTotal: 0 };
      for (const d of inScope) {
        if (classifier.classify({ text: d.text, topics }).topic.label === d.label) s.inScope++;
        s.inTotal++;
      }
      for (const d of oos) {
        if (classifier.classify({ text: d.text, topics }).topic.label === UNSURE_TOPIC) s.oosUnsure++;
        s.oosTotal++;
      }
      results.set(key, s);
    }
  }
}

console.log(
  `Banking77, ${BRANDS} simulated brands x ${TOPICS} topics, ${EXAMPLES} examples + name as keywords per topic`,
);
console.log('corrections/topic\townTopicModelWeight\tin-scope accuracy\tother categories left unsure');
for (const [key, s] of results) {
  const [c, w] = key.split('\t');
  console.log(
    `${c}\t${w}\t${(s.inScope / s.inTotal).toFixed(3)} (${s.inTotal})\t${(s.oosUnsure / s.oosTotal).toFixed(3)} (${s.oosTotal})`,
  );
}
