import type { Context } from 'hono';
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { careReport } from '../../services/reports/care-report';
import { exportCsv } from '../../services/reports/export-rows';
import { listCases } from '../../services/reports/list-cases';
import { listMentions } from '../../services/reports/list-mentions';
import { sentimentReport } from '../../services/reports/sentiment-report';
import { shareOfVoice } from '../../services/reports/share-of-voice';
import { topicsReport } from '../../services/reports/topics-report';
import { volumeReport } from '../../services/reports/volume-report';
import type { AppEnv } from '../env';
import { needs } from './guard';
import { Layout, sendPage } from './layout';
import { CareBody, TopicsBody, VoiceBody, VolumeBody } from './report-dims';
import { CaseListBody, MentionListBody } from './report-lists';
import { SentimentBody } from './report-sentiment';
import { viewOf } from './view';

/** A CSV of the rows behind a report, streamed page by page; the same handler serves the API. */
export async function csvResponse(c: Context<AppEnv>, kind: 'mentions' | 'cases') {
  const rows = exportCsv(c.get('ctx'), c.req.query(), kind);
  // The header line is read first, so a refused role or a bad filter is an error page, not a broken file.
  const first = await rows.next();
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header('content-disposition', `attachment; filename="${kind}.csv"`);
  c.header('cache-control', 'no-store');
  return stream(c, async (s) => {
    // A byte-order mark, so Excel reads the accents of French posts as UTF-8.
    await s.write('\ufeff');
    if (!first.done) await s.write(first.value);
    for await (const line of rows) await s.write(line);
  });
}

/** The report pages: each one server-rendered, every figure a link to the rows behind it. */
export function reportDetailPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const read = needs('reports.read');
  app.get('/reports/sentiment', read, async (c) => {
    const v = viewOf(c);
    const r = await sentimentReport(c.get('ctx'), c.req.query());
    return sendPage(
      c,
      <Layout v={v} title={v.t('rep.sentiment.title')} active="reports">
        <SentimentBody v={v} r={r} />
      </Layout>,
    );
  });
  app.get('/reports/volume', read, async (c) => {
    const v = viewOf(c);
    const r = await volumeReport(c.get('ctx'), c.req.query());
    return sendPage(
      c,
      <Layout v={v} title={v.t('rep.volume.title')} active="reports">
        <VolumeBody v={v} r={r} />
      </Layout>,
    );
  });
  app.get('/reports/topics', read, async (c) => {
    const v = viewOf(c);
    const r = await topicsReport(c.get('ctx'), c.req.query());
    return sendPage(
      c,
      <Layout v={v} title={v.t('rep.topics.title')} active="reports">
        <TopicsBody v={v} r={r} />
      </Layout>,
    );
  });
  app.get('/reports/voice', read, async (c) => {
    const v = viewOf(c);
    const r = await shareOfVoice(c.get('ctx'), c.req.query());
    return sendPage(
      c,
      <Layout v={v} title={v.t('rep.voice.title')} active="reports">
        <VoiceBody v={v} r={r} />
      </Layout>,
    );
  });
  app.get('/reports/care', read, async (c) => {
    const v = viewOf(c);
    const r = await careReport(c.get('ctx'), c.req.query());
    return sendPage(
      c,
      <Layout v={v} title={v.t('rep.care.title')} active="reports">
        <CareBody v={v} r={r} />
      </Layout>,
    );
  });
  app.get('/reports/mentions', read, async (c) => {
    const v = viewOf(c);
    const r = await listMentions(c.get('ctx'), c.req.query());
    return sendPage(
      c,
      <Layout v={v} title={v.t('rep.list.mentions')} active="reports">
        <MentionListBody v={v} r={r} />
      </Layout>,
    );
  });
  app.get('/reports/cases', read, async (c) => {
    const v = viewOf(c);
    const r = await listCases(c.get('ctx'), c.req.query());
    return sendPage(
      c,
      <Layout v={v} title={v.t('rep.list.cases')} active="reports">
        <CaseListBody v={v} r={r} />
      </Layout>,
    );
  });
  app.get('/reports/export/mentions.csv', read, (c) => csvResponse(c, 'mentions'));
  app.get('/reports/export/cases.csv', read, (c) => csvResponse(c, 'cases'));
  return app;
}
