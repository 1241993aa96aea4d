import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client';
import type { Ctx } from '../../../src/services/context';
import { careReport } from '../../../src/services/reports/care-report';
import { csvField, csvLine } from '../../../src/services/reports/csv';
import { exportCsv } from '../../../src/services/reports/export-rows';
import { listMentions } from '../../../src/services/reports/list-mentions';
import { refreshRollups } from '../../../src/services/reports/refresh-rollups';
import { shareOfVoice } from '../../../src/services/reports/share-of-voice';
import { risingTerms } from '../../../src/services/reports/terms';
import { topicsReport } from '../../../src/services/reports/topics-report';
import { volumeReport } from '../../../src/services/reports/volume-report';
import { createTestDatabase } from '../../helpers/db';
import { type TestDeps, testDeps } from '../../helpers/deps';
import { makeAuthor, makeBrand, makeCase, makeListener, makeMention, makeMentions } from './fixtures';

let database: Database;
let deps: TestDeps;
let ctx: Ctx;

beforeAll(async () => {
  database = await createTestDatabase();
  deps = await testDeps(database, { now: '2026-03-10T12:00:00Z' });
  ctx = { ...deps, actor: { id: 'u1', name: 'Marketing', role: 'marketing' } };
});
afterAll(() => database.close());

const range = { from: '2026-03-01', to: '2026-03-07', tz: 'UTC' };

describe('volume', () => {
  it('counts mentions and cases by network, intent and topic, and ranks authors by reach', async () => {
    const brandId = await makeBrand(deps.db);
    const star = await makeAuthor(deps.db, { followers: 90_000, handle: 'star' });
    const small = await makeAuthor(deps.db, { followers: 50, handle: 'small' });
    const famousButQuiet = await makeAuthor(deps.db, { followers: 1_000_000, handle: 'quiet' });
    await makeMentions(deps.db, 2, {
      brandId,
      at: '2026-03-02T10:00:00Z',
      network: 'reddit',
      intent: 'complaint',
      topic: 'billing',
      sentiment: 'negative',
      authorId: star,
    });
    await makeMention(deps.db, {
      brandId,
      at: '2026-03-03T10:00:00Z',
      network: 'x',
      intent: 'praise',
      topic: 'app',
      sentiment: 'positive',
      authorId: small,
    });
    // Outside the period: neither counted nor a top author.
    await makeMention(deps.db, { brandId, at: '2026-02-20T10:00:00Z', authorId: famousButQuiet });
    await makeCase(deps.db, brandId, { at: '2026-03-02T10:00:00Z', topic: 'billing', network: 'x' });
    await refreshRollups(ctx);
    const r = await volumeReport(ctx, { brandId, ...range });
    expect(r.mentions.byNetwork.map((x) => [x.value, x.total, x.negative])).toEqual([
      ['reddit', 2, 2],
      ['x', 1, 0],
    ]);
    expect(r.mentions.byIntent.map((x) => [x.value, x.total])).toEqual([
      ['complaint', 2],
      ['praise', 1],
    ]);
    expect(r.cases.byTopic).toEqual([{ value: 'billing', n: 1 }]);
    expect(r.topAuthors.map((a) => [a.handle, a.mentions])).toEqual([
      ['star', 2],
      ['small', 1],
    ]);
    const raw = await volumeReport(ctx, { brandId, ...range }, { source: 'raw' });
    expect(raw.mentions).toEqual(r.mentions);
  });
});

describe('topics and terms', () => {
  it('finds the topic and the phrase that rose against the previous period, without stop words', () => {
    const before = ['the app is great', 'le service est rapide', 'love the app', 'merci pour le service'];
    const now = [
      'my refund is late again',
      'where is my refund? late delivery',
      'remboursement en retard, refund late',
      'the app is great',
      'refund late for the third time',
    ];
    const terms = risingTerms(now, before, { minDocs: 2 });
    expect(terms[0]?.term).toBe('refund late');
    expect(terms.map((t) => t.term)).not.toContain('the');
    expect(terms.map((t) => t.term)).not.toContain('app');
  });

  it('compares topic volumes with the previous period of the same length', async () => {
    const brandId = await makeBrand(deps.db);
    await makeMentions(deps.db, 3, {
      brandId,
      at: '2026-03-05T10:00:00Z',
      topic: 'delivery',
      text: 'colis en retard encore',
    });
    await makeMention(deps.db, { brandId, at: '2026-02-25T10:00:00Z', topic: 'delivery' });
    await makeMentions(deps.db, 2, { brandId, at: '2026-02-26T10:00:00Z', topic: 'billing' });
    await refreshRollups(ctx);
    const r = await topicsReport(ctx, { brandId, ...range });
    expect(r.scope.previous.fromDay).toBe('2026-02-22');
    expect(r.topics.map((t) => [t.topic, t.current, t.previous, t.change])).toEqual([
      ['delivery', 3, 1, 2],
      ['billing', 0, 2, -2],
    ]);
    expect(r.terms.map((t) => t.term)).toContain('colis retard');
  });
});

describe('share of voice', () => {
  it('compares the brand with its competitors over the same period', async () => {
    const brandId = await makeBrand(deps.db);
    const own = await makeListener(deps.db, brandId);
    const rival = await makeListener(deps.db, brandId, { competitor: 'Rival' });
    await makeMentions(deps.db, 3, {
      brandId,
      at: '2026-03-02T10:00:00Z',
      listenerId: own,
      sentiment: 'positive',
    });
    await makeMention(deps.db, {
      brandId,
      at: '2026-03-02T10:00:00Z',
      listenerId: null,
      sentiment: 'negative',
    });
    await makeMentions(deps.db, 4, {
      brandId,
      at: '2026-03-03T10:00:00Z',
      listenerId: rival,
      sentiment: 'negative',
    });
    await refreshRollups(ctx);
    const r = await shareOfVoice(ctx, { brandId, ...range });
    expect(r.rows.map((x) => [x.competitor, x.total, x.share, x.net])).toEqual([
      ['', 4, 0.5, 0.5],
      ['Rival', 4, 0.5, -1],
    ]);
    const drill = await listMentions(ctx, { brandId, ...range, competitor: 'Rival' });
    expect(drill.items).toHaveLength(4);
    const ours = await listMentions(ctx, { brandId, ...range, competitor: '' });
    expect(ours.items).toHaveLength(4);
  });
});

describe('care performance', () => {
  it('gives the median and 90th percentile of first response and resolution, and expert time per topic', async () => {
    const brandId = await makeBrand(deps.db);
    // First responses after 1, 2, 3, 4 and 10 hours; one case still waiting.
    const hours = [1, 2, 3, 4, 10];
    for (const h of hours) {
      const caseId = await makeCase(deps.db, brandId, {
        at: '2026-03-02T00:00:00Z',
        topic: 'billing',
        closedAt: `2026-03-02T${String(h * 2).padStart(2, '0')}:00:00Z`,
        status: 'closed',
      });
      const mentionId = await makeMention(deps.db, { brandId, at: '2026-03-02T00:00:00Z', caseId });
      await deps.db.execute(
        sql`insert into replies (id, case_id, in_reply_to_mention_id, network, body, status, idempotency_key, sent_at)
            values (${`rep_${caseId}`}, ${caseId}, ${mentionId}, 'x', 'hi', 'sent', ${`k_${caseId}`}, ${`2026-03-02T${String(h).padStart(2, '0')}:00:00Z`}::timestamptz)`,
      );
      await deps.db.execute(
        sql`insert into escalations (id, case_id, skill, language, status, routing_reason, created_at, answered_at)
            values (${`esc_${caseId}`}, ${caseId}, 'billing', 'en', 'answered', 'test', '2026-03-02T00:00:00Z', ${`2026-03-02T${String(h).padStart(2, '0')}:30:00Z`}::timestamptz)`,
      );
    }
    await makeCase(deps.db, brandId, { at: '2026-03-03T00:00:00Z', topic: 'app' });
    const r = await careReport(ctx, { brandId, ...range });
    expect(r.metrics.firstResponse).toEqual({
      measured: 5,
      waiting: 1,
      medianSeconds: 3 * 3600,
      p90Seconds: 7.6 * 3600,
    });
    expect(r.metrics.resolution).toMatchObject({ measured: 5, waiting: 1, medianSeconds: 6 * 3600 });
    expect(r.metrics.expertAnswerByTopic).toEqual([
      { topic: 'billing', measured: 5, waiting: 0, medianSeconds: 3.5 * 3600, p90Seconds: 8.1 * 3600 },
    ]);
  });
});

describe('service levels and knowledge reuse', () => {
  it('counts targets met, missed and not yet due, and the share of answers from the knowledge base', async () => {
    const brandId = await makeBrand(deps.db);
    // The clock is 2026-03-10T12:00Z. Four cases opened on 2 March, each with its first-response target.
    const met = await makeCase(deps.db, brandId, { at: '2026-03-02T09:00:00Z' });
    const late = await makeCase(deps.db, brandId, { at: '2026-03-02T09:00:00Z' });
    const overdue = await makeCase(deps.db, brandId, { at: '2026-03-02T09:00:00Z' });
    const ahead = await makeCase(deps.db, brandId, { at: '2026-03-02T09:00:00Z' });
    const noTarget = await makeCase(deps.db, brandId, { at: '2026-03-02T09:00:00Z' });
    const set = (id: string, due: string, done: string | null) =>
      deps.db.execute(
        sql`update cases set first_response_due_at = ${due}::timestamptz, first_responded_at = ${done}::timestamptz,
                   resolution_due_at = ${due}::timestamptz, answered_at = ${done}::timestamptz where id = ${id}`,
      );
    await set(met, '2026-03-02T11:00:00Z', '2026-03-02T10:00:00Z');
    await set(late, '2026-03-02T11:00:00Z', '2026-03-02T13:00:00Z');
    await set(overdue, '2026-03-02T11:00:00Z', null);
    await set(ahead, '2026-03-11T11:00:00Z', null);
    expect(noTarget).toBeTruthy();
    // Two cases answered publicly, one of them with a reused answer; a holding reply does not count.
    await deps.db.execute(
      sql`insert into knowledge_answers (id, brand_id, question, answer, language) values ('kn_1', ${brandId}, 'q', 'a', 'en')`,
    );
    let n = 0;
    for (const [caseId, knowledge, kind] of [
      [met, 'kn_1', 'answer'],
      [late, null, 'answer'],
      [overdue, null, 'holding'],
    ] as const) {
      n += 1;
      const mentionId = await makeMention(deps.db, { brandId, at: '2026-03-02T09:00:00Z', caseId });
      await deps.db.execute(
        sql`insert into replies (id, case_id, in_reply_to_mention_id, network, body, status, idempotency_key, sent_at, kind, knowledge_answer_id)
            values (${`rep_sla_${n}_${caseId}`}, ${caseId}, ${mentionId}, 'x', ${`hi ${n}`}, 'sent', ${`k_sla_${n}_${caseId}`}, '2026-03-02T10:00:00Z', ${kind}, ${knowledge})`,
      );
    }
    const r = await careReport(ctx, { brandId, ...range });
    expect(r.metrics.slaFirstResponse).toEqual({ met: 1, missed: 2, pending: 1, percent: 100 / 3 });
    expect(r.metrics.slaResolution).toEqual({ met: 1, missed: 2, pending: 1, percent: 100 / 3 });
    expect(r.metrics.knowledgeShare).toEqual({ answered: 2, fromKnowledge: 1, percent: 50 });
  });
});

describe('CSV export', () => {
  it('quotes separators, quotes and line breaks, and neutralises formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField('+33 1 23')).toBe("'+33 1 23");
    expect(csvField('-1 star')).toBe("'-1 star");
    expect(csvField('@admin')).toBe("'@admin");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });

  it('pages through the mentions behind a filter newest first, however far apart they are', async () => {
    const brandId = await makeBrand(deps.db);
    // Negative mentions on 1, 2 (two) and 6 March, positives between them; the period ends 8 March.
    const at = [
      '2026-03-01T08:00:00Z',
      '2026-03-02T09:00:00Z',
      '2026-03-02T09:00:00Z',
      '2026-03-06T23:59:00Z',
    ];
    const negatives: string[] = [];
    for (const a of at) negatives.push(await makeMention(deps.db, { brandId, at: a, sentiment: 'negative' }));
    await makeMentions(deps.db, 3, { brandId, at: '2026-03-05T10:00:00Z', sentiment: 'positive' });
    const seen: string[] = [];
    let after: string | undefined;
    for (let pageNo = 0; pageNo < 5; pageNo++) {
      const r = await listMentions(ctx, { brandId, ...range, sentiment: 'negative', limit: 1, after });
      seen.push(...r.items.map((m) => m.id));
      if (!r.next) break;
      after = r.next;
    }
    const newestFirst = [negatives[3], ...[negatives[1], negatives[2]].sort().reverse(), negatives[0]];
    expect(seen).toEqual(newestFirst);
  });

  it('writes one row per mention behind the report, across pages', async () => {
    const brandId = await makeBrand(deps.db);
    await makeMention(deps.db, {
      brandId,
      at: '2026-03-04T10:00:00Z',
      text: '=cmd|" /C calc"!A0, then\na new line',
      sentiment: 'negative',
    });
    await makeMentions(deps.db, 3, { brandId, at: '2026-03-04T11:00:00Z', sentiment: 'positive' });
    let csv = '';
    for await (const line of exportCsv(ctx, { brandId, ...range, sentiment: 'negative' }, 'mentions'))
      csv += line;
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,posted_at,network,language,sentiment,intent,topic,author,followers,url,text');
    expect(csv).toContain(`"'=cmd|"" /C calc""!A0, then\na new line"`);
    expect(lines.filter(Boolean)).toHaveLength(2);
    let all = '';
    for await (const line of exportCsv(ctx, { brandId, ...range }, 'mentions')) all += line;
    expect(all.split('\r\n').filter(Boolean)).toHaveLength(5);
  });
});
