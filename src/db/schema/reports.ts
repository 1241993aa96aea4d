import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  real,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { brands } from './brands';
import { timestamps, ts } from './columns';

/** The dimensions the reports cut mentions by; `all` is the brand total. */
export const singleDims = ['network', 'language', 'topic', 'intent', 'listener'] as const;
export type SingleDim = (typeof singleDims)[number];

/**
 * The pairs a report filters or groups by together (a network and a topic, a language and a topic...),
 * each `a+b` in the order of `singleDims`; their value is `a's value || chr(31) || b's value`.
 */
export const pairDims = [
  'network+language',
  'network+topic',
  'network+intent',
  'language+topic',
  'language+intent',
  'topic+intent',
  'network+listener',
  'topic+listener',
] as const;
export const rollupDims = ['all', ...singleDims, ...pairDims] as const;
export type RollupDim = (typeof rollupDims)[number];

const rollupColumns = () => ({
  brandId: text('brand_id')
    .notNull()
    .references(() => brands.id, { onDelete: 'cascade' }),
  dim: text('dim', { enum: rollupDims }).notNull(),
  /** The dimension's value ('' for `all` and for mentions without a listener). */
  value: text('value').notNull(),
  bucket: ts('bucket').notNull(),
  sentiment: text('sentiment', { enum: ['negative', 'neutral', 'positive'] }).notNull(),
  mentions: integer('mentions').notNull(),
  /** Sum of the classifier's sentiment confidence, for an average confidence per bucket. */
  scoreSum: doublePrecision('score_sum').notNull().default(0),
});

/**
 * Mentions counted per brand, UTC hour, one dimension at a time, and sentiment. One dimension per
 * row (not every combination) keeps the table about a tenth of the mentions over 90 days, so a
 * report reads thousands of rows instead of hundreds of thousands. Rebuilt hour by hour by the
 * rollup job, with corrections applied, so a re-run gives the same rows.
 */
export const mentionRollups = pgTable('mention_rollups', rollupColumns(), (t) => [
  // Serves every report: brand and dimension fixed, a range of hours, optionally one value.
  uniqueIndex('mention_rollups_key').on(t.brandId, t.dim, t.bucket, t.value, t.sentiment),
  index('mention_rollups_value').on(t.brandId, t.dim, t.value, t.bucket),
]);

/**
 * The same counts per quarter hour, read only for the hours a reader's day cuts in two: zones such
 * as Asia/Kolkata (+5:30) or Asia/Kathmandu (+5:45) start their days inside a UTC hour, and every
 * zone's offset is a whole number of quarter hours. Only `all` and the single dimensions: a pair
 * filter in such a zone reads the raw table. Rebuilt with the hourly rows, hour by hour.
 */
export const mentionRollupsQuarter = pgTable('mention_rollups_quarter', rollupColumns(), (t) => [
  uniqueIndex('mention_rollups_quarter_key').on(t.brandId, t.dim, t.bucket, t.value, t.sentiment),
]);

/**
 * How many mentions contain each term or two-word phrase (document frequency), per brand, UTC day
 * and language, so rising terms compare every mention of two periods. The empty term holds the
 * day's mention count. Rebuilt day by day by the rollup job.
 */
export const termRollups = pgTable(
  'term_rollups',
  {
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    language: text('language').notNull(),
    term: text('term').notNull(),
    docs: integer('docs').notNull(),
  },
  (t) => [uniqueIndex('term_rollups_key').on(t.brandId, t.day, t.language, t.term)],
);

/** How far each incremental job has read a source table: keyset (at, id) so equal times are safe. */
export const rollupWatermarks = pgTable('rollup_watermarks', {
  name: text('name').primaryKey(),
  at: ts('at').notNull(),
  lastId: text('last_id').notNull().default(''),
  ...timestamps,
});

/** Per brand report settings: when an hour counts as a spike. */
export const reportSettings = pgTable('report_settings', {
  brandId: text('brand_id')
    .primaryKey()
    .references(() => brands.id, { onDelete: 'cascade' }),
  /** Volume spike: the hour is at least this many times the baseline. */
  spikeRatio: real('spike_ratio').notNull().default(2),
  /** Below this many mentions in the hour nothing is a spike (two angry posts are not a crisis). */
  spikeMinMentions: integer('spike_min_mentions').notNull().default(10),
  /** Negative share spike: the hour's negative share exceeds the baseline's by this much (0..1). */
  spikeNegativeDelta: real('spike_negative_delta').notNull().default(0.2),
  spikeAlerts: boolean('spike_alerts').notNull().default(true),
  ...timestamps,
});

/** Every spike found, so a spike lasting several hours alerts once. */
export const reportSpikes = pgTable(
  'report_spikes',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'cascade' }),
    /** '' for the whole brand, else the topic key. */
    topic: text('topic').notNull(),
    kind: text('kind', { enum: ['volume', 'negative'] }).notNull(),
    hour: ts('hour').notNull(),
    mentions: integer('mentions').notNull(),
    negativeShare: real('negative_share').notNull(),
    baselineMentions: real('baseline_mentions').notNull(),
    baselineNegativeShare: real('baseline_negative_share').notNull(),
    notified: integer('notified').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('report_spikes_key').on(t.brandId, t.topic, t.kind, t.hour)],
);
