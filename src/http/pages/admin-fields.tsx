import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { FieldIssue } from '../../lib/errors';
import type { AppEnv } from '../env';
import { translateIssueMessage } from './error-text';
import type { MessageKey } from './i18n';
import type { View } from './view';

/** What a form held when it comes back: strings, or lists for checkboxes. */
export type FormValues = Record<string, string | string[] | undefined>;

/** A form as the page re-renders it: its values and what the service said about them. */
export interface FormState {
  values: FormValues;
  issues: FieldIssue[];
  /** A refusal that is not about one field (a conflict), already in the reader's language. */
  message?: string;
}

export const emptyForm = (values: FormValues = {}): FormState => ({ values, issues: [] });

export function fieldValue(s: FormState, name: string): string {
  const v = s.values[name];
  return typeof v === 'string' ? v : '';
}

export function listOf(s: FormState, name: string): string[] {
  const v = s.values[name];
  return Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : [];
}

/** The first thing wrong with a field (`audiences.0` counts for `audiences`), in the reader's words. */
export function errorOf(v: View, s: FormState, name: string): string | undefined {
  const issue = s.issues.find((i) => i.field === name || i.field.startsWith(`${name}.`));
  return issue ? translateIssueMessage(v.locale, issue.message) : undefined;
}

export const fieldId = (name: string) => `f-${name}`;

function describedBy(id: string, help: unknown, error: unknown): string | undefined {
  const ids = [error ? `${id}-error` : '', help ? `${id}-help` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Label({ v, id, text, optional }: { v: View; id: string; text: string; optional?: boolean }) {
  return (
    <label for={id}>
      {text}
      {optional ? <span class="optional"> {v.t('form.optional')}</span> : null}
    </label>
  );
}

function Messages({ id, help, error }: { id: string; help?: Child; error?: string }) {
  return (
    <>
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {help ? (
        <p class="field-help" id={`${id}-help`}>
          {help}
        </p>
      ) : null}
    </>
  );
}

export function TextField({
  v,
  s,
  name,
  label,
  help,
  type = 'text',
  optional,
  required,
  autocomplete,
  placeholder,
  keepValue = true,
  when,
  rows,
}: {
  v: View;
  s: FormState;
  name: string;
  label: string;
  help?: Child;
  type?: 'text' | 'url' | 'password' | 'email';
  optional?: boolean;
  required?: boolean;
  autocomplete?: string;
  placeholder?: string;
  /** False for secrets: what was typed is never sent back to the browser. */
  keepValue?: boolean;
  /** Shown only for these values of the page's switch (see app.js); always shown without script. */
  when?: string;
  /** A text area of this many lines instead of one line. */
  rows?: number;
}) {
  const id = fieldId(name);
  const error = errorOf(v, s, name);
  const invalid = error ? 'true' : undefined;
  const described = describedBy(id, help, error);
  return (
    <div class="field" data-when={when}>
      <Label v={v} id={id} text={label} optional={optional} />
      {rows ? (
        <textarea
          id={id}
          name={name}
          rows={rows}
          required={required}
          placeholder={placeholder}
          spellcheck={false}
          aria-invalid={invalid}
          aria-describedby={described}
        >
          {fieldValue(s, name)}
        </textarea>
      ) : (
        <input
          id={id}
          name={name}
          type={type}
          value={keepValue ? fieldValue(s, name) : ''}
          required={required}
          autocomplete={autocomplete}
          placeholder={placeholder}
          spellcheck={false}
          aria-invalid={invalid}
          aria-describedby={described}
        />
      )}
      <Messages id={id} help={help} error={error} />
    </div>
  );
}

export function SelectField({
  v,
  s,
  name,
  label,
  options,
  help,
  fallback,
  switches,
}: {
  v: View;
  s: FormState;
  name: string;
  label: string;
  options: { value: string; text: string }[];
  help?: Child;
  /** Selected when the form holds no value yet. */
  fallback?: string;
  /** The select that shows and hides `data-when` parts of the page. */
  switches?: boolean;
}) {
  const id = fieldId(name);
  const error = errorOf(v, s, name);
  const chosen = fieldValue(s, name) || fallback || '';
  return (
    <div class="field">
      <Label v={v} id={id} text={label} />
      <select
        id={id}
        name={name}
        data-switch={switches ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, help, error)}
      >
        {options.map((o) => (
          <option value={o.value} selected={o.value === chosen}>
            {o.text}
          </option>
        ))}
      </select>
      <Messages id={id} help={help} error={error} />
    </div>
  );
}

export function CheckboxGroup({
  v,
  s,
  name,
  legend,
  options,
  help,
}: {
  v: View;
  s: FormState;
  name: string;
  legend: string;
  options: { value: string; text: string }[];
  help?: Child;
}) {
  const id = fieldId(name);
  const error = errorOf(v, s, name);
  const chosen = new Set(listOf(s, name));
  return (
    <fieldset
      class="field checks"
      id={id}
      aria-invalid={error ? 'true' : undefined}
      aria-describedby={describedBy(id, help, error)}
    >
      <legend>{legend}</legend>
      <div class="row">
        {options.map((o) => (
          <label class="check">
            <input type="checkbox" name={name} value={o.value} checked={chosen.has(o.value)} /> {o.text}
          </label>
        ))}
      </div>
      <Messages id={id} help={help} error={error} />
    </fieldset>
  );
}

/**
 * Issues in a form's own words: `own` maps the service's wording to a dictionary key; any other
 * wording goes on to the shared translation when the form shows it.
 */
export function translateIssues(
  v: View,
  issues: FieldIssue[],
  own: Record<string, MessageKey>,
): FieldIssue[] {
  return issues.map((i) => {
    const key = own[i.message];
    return { field: i.field, message: key ? v.t(key) : i.message };
  });
}

/**
 * The summary above a refused form: each problem names its field, in the form's own words, and
 * links to it.
 */
export function FormErrors({ v, s, labels }: { v: View; s: FormState; labels: Record<string, string> }) {
  if (s.issues.length === 0 && !s.message) return null;
  return (
    <div class="notice notice-error" role="alert">
      {s.message ? <p>{s.message}</p> : null}
      {s.issues.length > 0 ? (
        <>
          <p>{v.t('form.errors')}</p>
          <ul>
            {s.issues.map((i) => {
              // A part of a field may have its own label ("openingHours.3"); else the field's.
              const name = labels[i.field] ? i.field : (i.field.split('.')[0] ?? i.field);
              const text = translateIssueMessage(v.locale, i.message);
              return (
                <li>
                  {labels[name] ? <a href={`#${fieldId(name)}`}>{labels[name]}</a> : <span>{name}</span>}
                  {`${v.t('form.colon')}${text}`}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** The "which brand" bar of a per-brand settings list; `children` adds options before the button. */
export function BrandPicker({
  action,
  brands,
  brandId,
  label,
  submit,
  children,
}: {
  action: string;
  brands: { id: string; name: string }[];
  brandId: string | undefined;
  label: string;
  submit: string;
  children?: Child;
}) {
  return (
    <form method="get" action={action} class="panel filters">
      <div class="field">
        <label for="f-brand">{label}</label>
        <select id="f-brand" name="brand">
          {brands.map((b) => (
            <option value={b.id} selected={b.id === brandId}>
              {b.name}
            </option>
          ))}
        </select>
      </div>
      {children}
      <button type="submit">{submit}</button>
    </form>
  );
}

/** The posted form as strings (and lists for repeated names, such as checkboxes), without the CSRF token. */
export async function readFormValues(c: Context<AppEnv>): Promise<FormValues> {
  const body = await c.req.parseBody({ all: true });
  const values: FormValues = {};
  for (const [name, raw] of Object.entries(body)) {
    if (name === '_csrf') continue;
    const list = (Array.isArray(raw) ? raw : [raw]).filter((x): x is string => typeof x === 'string');
    values[name] = list.length === 1 ? list[0] : list;
  }
  return values;
}
