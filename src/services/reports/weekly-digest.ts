import { withTransaction } from '../../db/client';
import { brands } from '../../db/schema';
import type { Ctx } from '../context';
import { notify } from '../notifications/notify';
import { sentimentReport } from './sentiment-report';
import { shareOfVoice } from './share-of-voice';
import { esc, sentimentChartSvg } from './svg-chart';
import { topicsReport } from './topics-report';

const words = {
  en: {
    subject: 'Weekly report for {brand}: {from} to {to}',
    sentiment: 'Sentiment per day',
    desc: 'Stacked bars of negative, neutral and positive mentions per day, with the net sentiment line.',
    day: 'Day',
    mentions: 'Mentions',
    net: 'Net sentiment',
    negative: 'Negative',
    neutral: 'Neutral',
    positive: 'Positive',
    topics: 'Topics against the week before',
    terms: 'Rising terms',
    voice: 'Share of voice',
    us: 'us',
    open: 'Open the reports',
  },
  fr: {
    subject: 'Rapport de la semaine pour {brand} : du {from} au {to}',
    sentiment: 'Sentiment par jour',
    desc: 'Barres empilées des mentions négatives, neutres et positives par jour, avec la courbe du sentiment net.',
    day: 'Jour',
    mentions: 'Mentions',
    net: 'Sentiment net',
    negative: 'Négatives',
    neutral: 'Neutres',
    positive: 'Positives',
    topics: 'Sujets par rapport à la semaine précédente',
    terms: 'Termes en hausse',
    voice: 'Part de voix',
    us: 'nous',
    open: 'Ouvrir les rapports',
  },
} as const;

/**
 * The weekly digest's content for one brand: HTML with the sentiment chart as inline SVG and every
 * figure again in tables (mail clients that block SVG still show the numbers), plus a text body.
 * Charts are not rasterised to PNG: that needs a font file, and the Workers runtime has none to read.
 */
export async function buildDigest(
  ctx: Ctx,
  brand: { id: string; name: string; defaultLanguage: 'en' | 'fr' },
) {
  const w = words[brand.defaultLanguage];
  const reader: Ctx = {
    ...ctx,
    actor: ctx.actor ?? { id: 'system', name: 'Weekly digest', role: 'marketing' },
  };
  // The last complete week: the job runs on Monday morning, so up to yesterday.
  const input = {
    brandId: brand.id,
    days: 7,
    to: new Date(ctx.clock.now().getTime() - 86_400_000).toISOString().slice(0, 10),
  };
  const [s, topics, voice] = await Promise.all([
    sentimentReport(reader, input),
    topicsReport(reader, input),
    shareOfVoice(reader, input),
  ]);
  const nf = new Intl.NumberFormat(brand.defaultLanguage === 'fr' ? 'fr-FR' : 'en-GB');
  const n = (x: number) => nf.format(x);
  const signed = (x: number) => `${x > 0 ? '+' : ''}${nf.format(Math.round(x * 100) / 100)}`;
  const reports = `${ctx.publicUrl}/reports/sentiment?brandId=${encodeURIComponent(brand.id)}&days=7`;
  const svg = sentimentChartSvg(
    s.series.map((p) => ({
      label: p.key.slice(5),
      negative: p.negative,
      neutral: p.neutral,
      positive: p.positive,
      net: p.net,
      title: `${p.key}: ${n(p.total)}`,
    })),
    {
      id: 'digest',
      title: w.sentiment,
      desc: w.desc,
      xLabel: w.day,
      yLabel: w.mentions,
      netLabel: w.net,
      formatNumber: n,
    },
  );
  const table = (head: string[], rows: string[][]) =>
    `<table border="1" cellpadding="4" cellspacing="0"><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${rows
      .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
      .join('')}</table>`;
  const subject = w.subject
    .replace('{brand}', brand.name)
    .replace('{from}', s.scope.fromDay)
    .replace('{to}', s.scope.toDay);
  const html = [
    `<h1>${esc(subject)}</h1>`,
    `<h2>${esc(w.sentiment)}</h2>`,
    svg,
    table(
      [w.day, w.negative, w.neutral, w.positive, w.net],
      s.series.map((p) => [p.key, n(p.negative), n(p.neutral), n(p.positive), signed(p.net)]),
    ),
    `<h2>${esc(w.topics)}</h2>`,
    table(
      ['', w.mentions, '±'],
      topics.topics.slice(0, 10).map((t) => [t.topic, n(t.current), signed(t.change)]),
    ),
    `<h2>${esc(w.terms)}</h2>`,
    `<p>${topics.terms
      .slice(0, 15)
      .map((t) => esc(t.term))
      .join(' · ')}</p>`,
    `<h2>${esc(w.voice)}</h2>`,
    table(
      ['', w.mentions, '%', w.net],
      voice.rows.map((r) => [
        r.competitor || `${brand.name} (${w.us})`,
        n(r.total),
        `${Math.round(r.share * 100)}`,
        signed(r.net),
      ]),
    ),
    `<p><a href="${esc(reports)}">${esc(w.open)}</a></p>`,
  ].join('\n');
  const text = [
    subject,
    ...s.series.map(
      (p) =>
        `${p.key}: ${n(p.total)} (${n(p.negative)} ${w.negative.toLowerCase()}), ${w.net} ${signed(p.net)}`,
    ),
    reports,
  ].join('\n');
  return { subject, html, text, link: reports, weekStart: s.scope.fromDay };
}

/** The weekly digest job: one notification per brand and week on every marketing channel. */
export async function queueWeeklyDigest(ctx: Ctx) {
  const all = await ctx.db
    .select({ id: brands.id, name: brands.name, defaultLanguage: brands.defaultLanguage })
    .from(brands);
  let queued = 0;
  for (const brand of all) {
    const d = await buildDigest(ctx, brand);
    queued += await withTransaction(ctx.db, (tx) =>
      notify(tx, ctx, 'marketing', {
        dedupeKey: `digest:${brand.id}:${d.weekStart}`,
        subject: d.subject,
        body: d.text,
        link: d.link,
        payload: { kind: 'weekly-digest', html: d.html },
      }),
    );
  }
  return { queued };
}
