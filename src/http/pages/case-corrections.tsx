import { Hono } from 'hono';
import { can } from '../../domain/permissions';
import type { Ctx } from '../../services/context';
import { correctClassification } from '../../services/inbox/correct-classification';
import { listCorrections } from '../../services/inbox/list-corrections';
import type { AppEnv } from '../env';
import type { CaseData } from './case-view';
import { CsrfField } from './components';
import { needs } from './guard';
import { formatPercent, type MessageKey } from './i18n';
import { field as formField, type View } from './view';

type Field = 'language' | 'sentiment' | 'intent' | 'topic';

const choices: Record<Exclude<Field, 'topic'>, readonly string[]> = {
  language: ['en', 'fr', 'other'],
  sentiment: ['negative', 'neutral', 'positive'],
  intent: ['question', 'complaint', 'praise', 'other', 'spam'],
};

const fields: Field[] = ['intent', 'sentiment', 'topic', 'language'];

/**
 * One click per label: each label of the customer's latest post with the model's score, or the
 * advisor's correction and who made it, and a small form to correct it. The corrections feed the
 * brand's models (the retrain-models job).
 */
export async function CorrectionPanel({ v, data, ctx }: { v: View; data: CaseData; ctx: Ctx }) {
  const cl = data.classification;
  if (!cl) return null;
  const { topics, corrections } = await listCorrections(ctx, { mentionId: cl.mentionId });
  const mayCorrect = v.actor ? can(v.actor.role, 'case.reply') : false;
  const topicName = (key: string) => {
    const t = topics.find((x) => x.key === key);
    if (key === 'none') return v.t('correct.noneTopic');
    return t ? (v.locale === 'fr' ? t.labelFr : t.labelEn) : v.label('topic', key);
  };
  const name = (f: Field, value: string) => (f === 'topic' ? topicName(value) : v.label(f, value));
  const scores: Record<Field, number> = {
    language: cl.languageScore,
    sentiment: cl.sentimentScore,
    intent: cl.intentScore,
    topic: cl.topicScore,
  };
  const action = `/cases/${encodeURIComponent(data.case.id)}/correct`;
  return (
    <section class="panel" id="labels" aria-labelledby="labels-h">
      <h2 id="labels-h">{v.t('correct.title')}</h2>
      {mayCorrect ? <p class="muted small">{v.t('correct.intro')}</p> : null}
      <dl class="facts">
        {fields.map((f) => {
          const model = String(cl[f]);
          const fix = corrections.find((c) => c.field === f);
          const current = fix ? fix.to : model;
          const options = f === 'topic' ? [...topics.map((t) => t.key), 'none'] : choices[f];
          return (
            <>
              <dt>{v.t(`correct.field.${f}` as MessageKey)}</dt>
              <dd data-field={f}>
                <strong>{name(f, current)}</strong>{' '}
                {fix ? (
                  <span class="small muted">
                    {v.t('correct.by', { name: fix.by ?? '?', from: name(f, fix.from) })}
                  </span>
                ) : (
                  <span class="small muted">
                    {v.t('correct.score', { score: formatPercent(v.locale, scores[f]) })}
                  </span>
                )}
                {mayCorrect ? (
                  <form method="post" action={action} style="margin: 4px 0 6px">
                    <CsrfField v={v} />
                    <input type="hidden" name="mentionId" value={cl.mentionId} />
                    <input type="hidden" name="field" value={f} />
                    <label class="visually-hidden" for={`correct-${f}`}>
                      {v.t('correct.choose', { field: v.t(`correct.field.${f}` as MessageKey) })}
                    </label>
                    <select id={`correct-${f}`} name="label">
                      {/* "Unsure" is not a label to correct to; without this the first topic would look chosen. */}
                      {options.includes(current) ? null : (
                        <option value="" selected disabled>
                          {name(f, current)}
                        </option>
                      )}
                      {options.map((o) => (
                        <option value={o} selected={o === current}>
                          {name(f, o)}
                        </option>
                      ))}
                    </select>{' '}
                    <button type="submit" class="btn-small">
                      {v.t('correct.submit')}
                    </button>
                  </form>
                ) : null}
              </dd>
            </>
          );
        })}
      </dl>
    </section>
  );
}

/** The correction forms' target: advisors and admins; the service checks the role again. */
export function correctionPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/cases/:id/correct', needs('case.reply'), async (c) => {
    const body = await c.req.parseBody();
    await correctClassification(c.get('ctx'), {
      mentionId: formField(body, 'mentionId'),
      field: formField(body, 'field'),
      label: formField(body, 'label'),
    });
    return c.redirect(`/cases/${encodeURIComponent(c.req.param('id'))}?done=corrected#labels`, 303);
  });
  return app;
}
