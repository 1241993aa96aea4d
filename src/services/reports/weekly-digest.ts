import { eq } from 'drizzle-orm';
import { withTransaction } from '../../db/client';
import { brands, topics as topicsTable } from '../../db/schema';
import { toBase64Url } from '../../lib/crypto';
import type { Ctx } from '../context';
import { notify } from '../notifications/notify';
import { pairedBarsSvg } from './bar-chart-svg';
import { sentimentReport } from './sentiment-report';
import { shareOfVoice } from './share-of-voice';
import { esc, sentimentChartSvg, sentimentColours } from './svg-chart';
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
    topicsDesc: 'Horizontal bars per topic: mentions this week, and a thinner bar for the week before.',
    noTopic: 'No topic',
    thisWeek: 'This week',
    weekBefore: 'The week before',
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
    topicsDesc:
      'Barres horizontales par sujet : mentions de cette semaine, et une barre plus fine pour la semaine précédente.',
    noTopic: 'Sans sujet',
    thisWeek: 'Cette semaine',
    weekBefore: 'La semaine précédente',
    terms: 'Termes en hausse',
    voice: 'Part de voix',
    us: 'nous',
    open: 'Ouvrir les rapports',
  },
} as const;

/** A mail column is about 600 to 700 pixels: charts are drawn for it, with text readable at that size. */
const mailWidth = 640;
const mailChart = { width: mailWidth, height: 260, fontSize: 13 };

/** A chart drawn as PNG, attached to the e-mail and shown by `cid:` (base64url, so it fits the JSON payload). */
export interface DigestImage {
  cid: string;
  filename: string;
  contentType: 'image/png';
  content: string;
}

/**
 * The weekly digest's content for one brand, in the brand's language: HTML with the charts as PNG
 * images referenced by `cid:` (the notifier attaches them), each followed by its figures in a table,
 * so a client that blocks images, and a screen reader, still get every number; plus a text body.
 * Without a rasteriser (or if drawing fails) the charts go inline as SVG, as the pages draw them.
 */
export async function buildDigest(
  ctx: Ctx,
  brand: { id: string; name: string; defaultLanguage: 'en' | 'fr' },
) {
  const lang = brand.defaultLanguage;
  const w = words[lang];
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
  const [s, topics, voice, labels] = await Promise.all([
    sentimentReport(reader, input),
    topicsReport(reader, input),
    shareOfVoice(reader, input),
    ctx.db
      .select({ key: topicsTable.key, en: topicsTable.labelEn, fr: topicsTable.labelFr })
      .from(topicsTable)
      .where(eq(topicsTable.brandId, brand.id)),
  ]);
  const topicName = (key: string) =>
    key === 'none' ? w.noTopic : (labels.find((l) => l.key === key)?.[lang] ?? key);
  const nf = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB');
  const n = (x: number) => nf.format(x);
  const signed = (x: number) => `${x > 0 ? '+' : ''}${nf.format(Math.round(x * 100) / 100)}`;
  const reports = `${ctx.publicUrl}/reports/sentiment?brandId=${encodeURIComponent(brand.id)}&days=7`;
  const images: DigestImage[] = [];
  const figure = async (name: string, svg: string, alt: string) => {
    if (!ctx.charts) return svg;
    let png: Uint8Array;
    try {
      png = await ctx.charts.toPng(svg, { zoom: 2 });
    } catch (err) {
      // A digest with an SVG chart beats no digest.
      ctx.logger.warn('digest chart not drawn as PNG', {
        brandId: brand.id,
        chart: name,
        error: String(err),
      });
      return svg;
    }
    const cid = `${name}.${brand.id}.${s.scope.fromDay}@passerelle`;
    images.push({ cid, filename: `${name}.png`, contentType: 'image/png', content: toBase64Url(png) });
    // Drawn at twice the size for sharp text; shown at the chart's own width, narrower on a phone.
    return `<img src="cid:${esc(cid)}" alt="${esc(alt)}" width="${mailWidth}" style="display:block;width:100%;max-width:${mailWidth}px;height:auto">`;
  };
  const sentimentSvg = sentimentChartSvg(
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
      ...mailChart,
    },
  );
  const topTopics = topics.topics.slice(0, 10);
  const topicsSvg = pairedBarsSvg(
    topTopics.map((t) => ({ label: topicName(t.topic), current: t.current, previous: t.previous })),
    {
      id: 'digest-topics',
      title: w.topics,
      desc: w.topicsDesc,
      currentLabel: w.thisWeek,
      previousLabel: w.weekBefore,
      formatNumber: n,
      width: mailWidth,
      fontSize: mailChart.fontSize,
    },
  );
  const table = (head: string[], rows: string[][]) =>
    `<table border="1" cellpadding="4" cellspacing="0"><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${rows
      .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
      .join('')}</table>`;
  // The PNG has no legend of its own: colours are named here, next to the picture.
  const swatch = (colour: string, label: string) =>
    `<span style="display:inline-block;width:10px;height:10px;background:${colour}"></span> ${esc(label)}`;
  const legend = `<p>${[
    swatch(sentimentColours.negative, w.negative),
    swatch(sentimentColours.neutral, w.neutral),
    swatch(sentimentColours.positive, w.positive),
    `<span style="color:#1f4e79">- - -</span> ${esc(w.net)}`,
  ].join(' &nbsp; ')}</p>`;
  const subject = w.subject
    .replace('{brand}', brand.name)
    .replace('{from}', s.scope.fromDay)
    .replace('{to}', s.scope.toDay);
  const html = [
    `<h1>${esc(subject)}</h1>`,
    `<h2>${esc(w.sentiment)}</h2>`,
    await figure('sentiment', sentimentSvg, `${w.sentiment}. ${w.desc}`),
    legend,
    table(
      [w.day, w.negative, w.neutral, w.positive, w.net],
      s.series.map((p) => [p.key, n(p.negative), n(p.neutral), n(p.positive), signed(p.net)]),
    ),
    `<h2>${esc(w.topics)}</h2>`,
    topTopics.length > 0 ? await figure('topics', topicsSvg, `${w.topics}. ${w.topicsDesc}`) : '',
    table(
      ['', w.mentions, '±'],
      topTopics.map((t) => [topicName(t.topic), n(t.current), signed(t.change)]),
    ),
    topics.terms.length > 0
      ? `<h2>${esc(w.terms)}</h2><p>${topics.terms
          .slice(0, 15)
          .map((t) => esc(t.term))
          .join(' · ')}</p>`
      : '',
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
  return { subject, html, text, link: reports, weekStart: s.scope.fromDay, images };
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
        payload: { kind: 'weekly-digest', html: d.html, images: d.images },
      }),
    );
  }
  return { queued };
}
