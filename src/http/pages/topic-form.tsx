import type { Child } from 'hono/jsx';
import { errorOf, FormErrors, type FormState, fieldValue, TextField } from './admin-fields';
import { CsrfField } from './components';
import type { MessageKey } from './i18n';
import type { View } from './view';

/** The services' English words for a topic field's problem, and the page's key for them. */
export const topicIssues: Record<string, MessageKey> = {
  'another topic of this brand has this key': 'issue.topicKeyTaken',
  'is reserved by the classifier': 'issue.topicKeyReserved',
  'lower-case letters, digits, - and _ only': 'issue.slug',
  'at most 80 characters': 'issue.max80',
  'at most 40 characters': 'issue.max40',
  'at most 64 characters': 'issue.max64',
  'each example is at most 300 characters': 'issue.exampleLong',
  'each keyword is at most 60 characters': 'issue.keywordLong',
  'at most 50 lines': 'issue.max50Lines',
  'give at least one example or keyword': 'issue.exampleOrKeyword',
  'a topic for specialists needs the skill that answers it': 'issue.skillNeeded',
};

function TextArea({
  v,
  s,
  name,
  label,
  help,
  rows = 5,
}: {
  v: View;
  s: FormState;
  name: string;
  label: string;
  help: Child;
  rows?: number;
}) {
  const id = `f-${name}`;
  const error = errorOf(v, s, name);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error ${id}-help` : `${id}-help`}
      >
        {fieldValue(s, name)}
      </textarea>
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <p class="field-help" id={`${id}-help`}>
        {help}
      </p>
    </div>
  );
}

export function TopicForm({
  v,
  s,
  action,
  brandId,
  editingKey,
}: {
  v: View;
  s: FormState;
  action: string;
  brandId: string;
  /** The key of the topic being edited; absent for a new topic. */
  editingKey?: string;
}) {
  const labels = {
    key: v.t('topics.key'),
    labelEn: v.t('topics.labelEn'),
    labelFr: v.t('topics.labelFr'),
    examples: v.t('topics.examples'),
    keywords: v.t('topics.keywords'),
    needsSpecialist: v.t('topics.needsSpecialist'),
    skill: v.t('topics.skill'),
  };
  const specialist = ['on', 'true'].includes(fieldValue(s, 'needsSpecialist'));
  return (
    <>
      <p class="small">
        <a href={`/admin/topics?brand=${encodeURIComponent(brandId)}`}>← {v.t('topics.back')}</a>
      </p>
      <h1>{editingKey ? v.t('topics.editTitle', { key: editingKey }) : v.t('topics.newTitle')}</h1>
      <p class="muted lead">{v.t('topics.formIntro')}</p>
      <FormErrors v={v} s={s} labels={labels} />
      <form method="post" action={action} class="panel admin-form narrow" autocomplete="off">
        <CsrfField v={v} />
        {editingKey ? null : (
          <TextField v={v} s={s} name="key" label={labels.key} help={v.t('topics.keyHelp')} required />
        )}
        <div class="form-row">
          <TextField v={v} s={s} name="labelEn" label={labels.labelEn} required />
          <TextField v={v} s={s} name="labelFr" label={labels.labelFr} required />
        </div>
        <TextArea
          v={v}
          s={s}
          name="examples"
          label={labels.examples}
          help={v.t('topics.examplesHelp')}
          rows={6}
        />
        <TextArea
          v={v}
          s={s}
          name="keywords"
          label={labels.keywords}
          help={v.t('topics.keywordsHelp')}
          rows={4}
        />
        <div class="field">
          <label class="check" for="f-needsSpecialist">
            <input
              type="checkbox"
              id="f-needsSpecialist"
              name="needsSpecialist"
              value="on"
              checked={specialist}
            />{' '}
            {labels.needsSpecialist}
          </label>
          <p class="field-help">{v.t('topics.needsSpecialistHelp')}</p>
        </div>
        <TextField v={v} s={s} name="skill" label={labels.skill} help={v.t('topics.skillHelp')} optional />
        <button type="submit" class="btn-primary">
          {editingKey ? v.t('topics.submitEdit') : v.t('topics.submitNew')}
        </button>
      </form>
    </>
  );
}
