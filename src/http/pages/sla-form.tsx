import type { SlaPolicyRow } from '../../services/sla/list-sla-policies';
import { formatDayHours, WEEKDAYS } from '../../services/sla/opening-hours';
import {
  errorOf,
  FormErrors,
  type FormState,
  type FormValues,
  fieldId,
  fieldValue,
  SelectField,
  TextField,
} from './admin-fields';
import { CsrfField } from './components';
import type { MessageKey } from './i18n';
import type { View } from './view';

/** The services' English words for an SLA field's problem, and the page's key for them. */
export const slaIssues: Record<string, MessageKey> = {
  'must be a whole number': 'issue.wholeNumber',
  'must be between 0 and 100': 'issue.priorityRange',
  'must be between 1 minute and 720 hours': 'issue.targetRange',
  'the resolution target cannot be shorter than the first response': 'issue.resolutionShort',
  'write hours as 09:00-18:00, or 09:00-12:30, 13:30-18:00': 'issue.openingHours',
  'the hours of a day must not overlap': 'issue.openingOverlap',
  'open at least one day': 'issue.openDay',
  'is not a weekday (1 = Monday ... 7 = Sunday)': 'issue.weekday',
  'closing time must be after opening time': 'issue.closesAfter',
  'is not a known time zone (e.g. Europe/Paris)': 'issue.timeZone',
  'must be between 0 and 1440 minutes': 'issue.reminderRange',
  'choose a user from the list': 'issue.backupUser',
  'write each date as 2026-12-25, or 12-25 for every year': 'issue.closedDay',
  'at most 100 closed days': 'issue.closedDays',
  'this brand already has a policy from this priority': 'issue.priorityTaken',
};

const dayField = (day: number) => `openingHours.${day}`;

/** The form's flat day fields as the service reads them: `{ "1": "09:00-18:00", ... }`. */
export function withOpeningHours(values: FormValues): Record<string, unknown> {
  const openingHours: Record<string, string> = {};
  for (const day of WEEKDAYS) {
    const text = values[dayField(day)];
    openingHours[String(day)] = typeof text === 'string' ? text : '';
  }
  return { ...values, openingHours };
}

/** A target as the form shows it: in hours when it is whole hours. */
function target(minutes: number): { value: string; unit: 'minutes' | 'hours' } {
  return minutes % 60 === 0
    ? { value: String(minutes / 60), unit: 'hours' }
    : { value: String(minutes), unit: 'minutes' };
}

export function valuesOf(p: SlaPolicyRow): FormValues {
  const first = target(p.firstResponseMinutes);
  const resolution = target(p.resolutionMinutes);
  return {
    minPriority: String(p.minPriority),
    firstResponseMinutes: first.value,
    firstResponseUnit: first.unit,
    resolutionMinutes: resolution.value,
    resolutionUnit: resolution.unit,
    ...Object.fromEntries(WEEKDAYS.map((d) => [dayField(d), formatDayHours(p.openingHours, d)])),
    closedDays: p.closedDays.join('\n'),
    timeZone: p.timeZone ?? '',
    reminderMinutes: String(p.reminderMinutes),
    backupUserId: p.backupUserId ?? '',
  };
}

/** A new policy starts from office hours, Monday to Friday. */
export const newPolicyValues: FormValues = {
  minPriority: '0',
  firstResponseMinutes: '4',
  firstResponseUnit: 'hours',
  resolutionMinutes: '18',
  resolutionUnit: 'hours',
  ...Object.fromEntries(WEEKDAYS.map((d) => [dayField(d), d <= 5 ? '09:00-18:00' : ''])),
  closedDays: '',
  timeZone: '',
  reminderMinutes: '30',
  backupUserId: '',
};

export function formatMinutes(v: View, minutes: number): string {
  if (minutes < 60) return v.t('sla.minutes', { n: minutes });
  if (minutes % 60 === 0) return v.t('sla.hours', { n: minutes / 60 });
  return v.t('sla.hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

/** The week in a line: days with the same hours together, "Mon–Fri 09:00–18:00 · Sat 10:00–14:00". */
export function formatHours(v: View, p: SlaPolicyRow): string {
  const groups: { from: number; to: number; hours: string }[] = [];
  for (const day of WEEKDAYS) {
    const hours = formatDayHours(p.openingHours, day, '–');
    const last = groups.at(-1);
    if (hours && last && last.hours === hours && last.to === day - 1) last.to = day;
    else if (hours) groups.push({ from: day, to: day, hours });
  }
  const short = (d: number) => v.t(`weekdayShort.${d}` as MessageKey);
  const week = groups
    .map((g) => `${g.from === g.to ? short(g.from) : `${short(g.from)}–${short(g.to)}`} ${g.hours}`)
    .join(' · ');
  const closed = p.closedDays.length;
  const holidays =
    closed === 0 ? '' : ` · ${closed === 1 ? v.t('sla.closedOne') : v.t('sla.closedCount', { n: closed })}`;
  return `${week}${holidays}`;
}

/** One line per weekday; an empty one is a closed day. */
function OpeningHoursFields({ v, s }: { v: View; s: FormState }) {
  const invalid = s.issues.some((i) => i.field === 'openingHours');
  return (
    <fieldset
      class="field opening-hours"
      id={fieldId('openingHours')}
      aria-invalid={invalid ? 'true' : undefined}
      aria-describedby="f-openingHours-help"
    >
      <legend>{v.t('sla.openingHours')}</legend>
      {WEEKDAYS.map((day) => {
        const name = dayField(day);
        const id = fieldId(name);
        const error = errorOf(v, s, name);
        return (
          <div class="opening-day">
            <label for={id}>{v.t(`weekday.${day}` as MessageKey)}</label>
            <input
              id={id}
              name={name}
              type="text"
              value={fieldValue(s, name)}
              placeholder={v.t('sla.closedDay')}
              spellcheck={false}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            />
            {error ? (
              <p class="field-error" id={`${id}-error`}>
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      <p class="field-help" id="f-openingHours-help">
        {v.t('sla.openingHoursHelp')}
      </p>
    </fieldset>
  );
}

function TargetField({
  v,
  s,
  name,
  label,
  help,
}: {
  v: View;
  s: FormState;
  name: string;
  label: string;
  help: string;
}) {
  const id = `f-${name}`;
  const error = errorOf(v, s, name);
  const unit = fieldValue(s, `${name.replace('Minutes', '')}Unit`) || 'minutes';
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="row target-row">
        <input
          id={id}
          name={name}
          type="text"
          inputmode="numeric"
          size={6}
          value={fieldValue(s, name)}
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error ${id}-help` : `${id}-help`}
        />
        <select name={`${name.replace('Minutes', '')}Unit`} aria-label={v.t('sla.unit')}>
          {(['minutes', 'hours'] as const).map((u) => (
            <option value={u} selected={u === unit}>
              {v.t(`sla.unit.${u}`)}
            </option>
          ))}
        </select>
      </div>
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

export function SlaForm({
  v,
  s,
  action,
  brand,
  backups,
  editing,
}: {
  v: View;
  s: FormState;
  action: string;
  brand: { id: string; name: string; timezone: string };
  backups: { id: string; name: string; role: string }[];
  /** The policy being edited; absent for a new one. */
  editing?: SlaPolicyRow;
}) {
  const labels = {
    minPriority: v.t('sla.minPriority'),
    firstResponseMinutes: v.t('sla.firstResponse'),
    resolutionMinutes: v.t('sla.resolution'),
    openingHours: v.t('sla.openingHours'),
    ...Object.fromEntries(
      WEEKDAYS.map((d) => [dayField(d), `${v.t('sla.openingHours')} · ${v.t(`weekday.${d}` as MessageKey)}`]),
    ),
    closedDays: v.t('sla.closedDays'),
    timeZone: v.t('sla.timeZone'),
    reminderMinutes: v.t('sla.reminder'),
    backupUserId: v.t('sla.backup'),
  };
  const title = editing ? v.t('sla.editTitle', { priority: editing.minPriority }) : v.t('sla.newTitle');
  return (
    <>
      <p class="small">
        <a href={`/admin/sla?brand=${encodeURIComponent(brand.id)}`}>← {v.t('sla.back')}</a>
      </p>
      <h1>
        {title} <span class="muted">· {brand.name}</span>
      </h1>
      <p class="muted lead">{v.t('sla.formIntro')}</p>
      <FormErrors v={v} s={s} labels={labels} />
      <form method="post" action={action} class="panel admin-form narrow" autocomplete="off">
        <CsrfField v={v} />
        <TextField
          v={v}
          s={s}
          name="minPriority"
          label={labels.minPriority}
          help={v.t('sla.minPriorityHelp')}
          required
        />
        <div class="form-row">
          <TargetField
            v={v}
            s={s}
            name="firstResponseMinutes"
            label={labels.firstResponseMinutes}
            help={v.t('sla.firstResponseHelp')}
          />
          <TargetField
            v={v}
            s={s}
            name="resolutionMinutes"
            label={labels.resolutionMinutes}
            help={v.t('sla.resolutionHelp')}
          />
        </div>
        <OpeningHoursFields v={v} s={s} />
        <TextField
          v={v}
          s={s}
          name="closedDays"
          label={labels.closedDays}
          help={v.t('sla.closedDaysHelp')}
          placeholder={'12-25\n01-01'}
          rows={4}
          optional
        />
        <TextField
          v={v}
          s={s}
          name="timeZone"
          label={labels.timeZone}
          help={v.t('sla.timeZoneHelp', { zone: brand.timezone })}
          placeholder={brand.timezone}
          optional
        />
        <TextField
          v={v}
          s={s}
          name="reminderMinutes"
          label={labels.reminderMinutes}
          help={v.t('sla.reminderHelp')}
          required
        />
        <SelectField
          v={v}
          s={s}
          name="backupUserId"
          label={labels.backupUserId}
          help={v.t('sla.backupHelp')}
          options={[
            { value: '', text: v.t('sla.noBackup') },
            ...backups.map((u) => ({ value: u.id, text: `${u.name} · ${v.label('role', u.role)}` })),
          ]}
        />
        <button type="submit" class="btn-primary">
          {editing ? v.t('sla.submitEdit') : v.t('sla.submitNew')}
        </button>
      </form>
      {editing ? (
        <form
          method="post"
          action={`/admin/sla/${encodeURIComponent(editing.id)}/delete`}
          class="panel admin-form narrow"
        >
          <CsrfField v={v} />
          <p>{v.t('sla.deleteConfirm')}</p>
          <button type="submit" class="btn-danger">
            {v.t('sla.delete')}
          </button>
        </form>
      ) : null}
    </>
  );
}
