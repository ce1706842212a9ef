// The pieces every dashboard form is made of: a labelled control with its hint and, after a
// refused post, its message right beside it (linked with aria-describedby, marked aria-invalid),
// and the list of problems at the top that links to each field. A form renders from its values —
// the stored object's on GET, exactly what was sent after a refusal — so nothing typed is lost.
import { html, type Html, raw } from "../web/html.ts";

/** Messages by field name; a form shows each next to its field. */
export type FieldErrors = Readonly<Record<string, string>>;

export interface FormState {
  /** what the fields show: a form's own names and values */
  readonly values: URLSearchParams;
  readonly errors: FieldErrors;
}

export const NO_ERRORS: FieldErrors = {};

export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

interface FieldOptions {
  readonly hint?: Html | string;
  /** extra attributes, ours only (never user text) */
  readonly attrs?: string;
}

function described(form: FormState, name: string, hint: boolean): Html {
  const id = fieldId(name);
  const ids = [form.errors[name] ? `${id}-error` : "", hint ? `${id}-hint` : ""].filter((s) => s !== "");
  return html`${form.errors[name] ? html` aria-invalid="true"` : ""}${ids.length > 0 ? html` aria-describedby="${ids.join(" ")}"` : ""}`;
}

/** The message beside a field (empty when it has none) and its hint. */
function below(form: FormState, name: string, hint: Html | string | undefined): Html {
  const id = fieldId(name);
  const error = form.errors[name];
  return html`${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : ""}${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ""}`;
}

function wrap(form: FormState, name: string, inner: Html): Html {
  return html`<div class="field${form.errors[name] ? " field-invalid" : ""}" data-field="${name}">${inner}</div>`;
}

export function textField(form: FormState, name: string, label: string, opts: FieldOptions & { readonly type?: string; readonly maxlength?: number } = {}): Html {
  const id = fieldId(name);
  const attrs = opts.attrs ? html` ${rawAttrs(opts.attrs)}` : "";
  return wrap(
    form,
    name,
    html`<label for="${id}">${label}</label>
<input id="${id}" name="${name}" type="${opts.type ?? "text"}" value="${form.values.get(name) ?? ""}"${opts.maxlength ? html` maxlength="${opts.maxlength}"` : ""}${attrs}${described(form, name, opts.hint !== undefined)}>
${below(form, name, opts.hint)}`,
  );
}

export function textArea(form: FormState, name: string, label: string, opts: FieldOptions & { readonly rows?: number; readonly maxlength?: number } = {}): Html {
  const id = fieldId(name);
  return wrap(
    form,
    name,
    html`<label for="${id}">${label}</label>
<textarea id="${id}" name="${name}" rows="${opts.rows ?? 3}"${opts.maxlength ? html` maxlength="${opts.maxlength}"` : ""}${opts.attrs ? html` ${rawAttrs(opts.attrs)}` : ""}${described(form, name, opts.hint !== undefined)}>${form.values.get(name) ?? ""}</textarea>
${below(form, name, opts.hint)}`,
  );
}

/** A checkbox: checked when the form's values carry its name (browsers send nothing for an unticked box). */
export function checkField(form: FormState, name: string, label: string, opts: FieldOptions = {}): Html {
  const id = fieldId(name);
  return wrap(
    form,
    name,
    html`<label class="check" for="${id}"><input id="${id}" name="${name}" type="checkbox" value="on"${form.values.has(name) ? html` checked` : ""}${described(form, name, opts.hint !== undefined)}> ${label}</label>
${below(form, name, opts.hint)}`,
  );
}

export type Choice = readonly [value: string, label: string];

export function selectField(form: FormState, name: string, label: string, choices: readonly Choice[], opts: FieldOptions = {}): Html {
  const id = fieldId(name);
  const current = form.values.get(name) ?? choices[0]?.[0] ?? "";
  return wrap(
    form,
    name,
    html`<label for="${id}">${label}</label>
<select id="${id}" name="${name}"${opts.attrs ? html` ${rawAttrs(opts.attrs)}` : ""}${described(form, name, opts.hint !== undefined)}>${choices.map(([v, l]) => html`<option value="${v}"${v === current ? html` selected` : ""}>${l}</option>`)}</select>
${below(form, name, opts.hint)}`,
  );
}

/** Radio buttons in a fieldset; the legend names the field. */
export function radioField(form: FormState, name: string, legend: string, choices: readonly Choice[], opts: FieldOptions = {}): Html {
  const current = form.values.get(name) ?? choices[0]?.[0] ?? "";
  const id = fieldId(name);
  return html`<fieldset class="field radios${form.errors[name] ? " field-invalid" : ""}" data-field="${name}" id="${id}"${described(form, name, opts.hint !== undefined)}>
<legend>${legend}</legend>
${choices.map(([v, l]) => html`<label class="check"><input type="radio" name="${name}" value="${v}"${v === current ? html` checked` : ""}${opts.attrs ? html` ${rawAttrs(opts.attrs)}` : ""}> ${l}</label> `)}
${below(form, name, opts.hint)}
</fieldset>`;
}

/** Checkboxes sharing one name, one per choice: the form sends each ticked value. */
export function checkboxList(form: FormState, name: string, legend: string, choices: readonly Choice[], opts: FieldOptions & { readonly empty?: string } = {}): Html {
  const ticked = new Set(form.values.getAll(name));
  const id = fieldId(name);
  return html`<fieldset class="field checklist${form.errors[name] ? " field-invalid" : ""}" data-field="${name}" id="${id}"${described(form, name, opts.hint !== undefined)}>
<legend>${legend}</legend>
${choices.length === 0 ? html`<p class="empty">${opts.empty ?? "None yet."}</p>` : choices.map(([v, l]) => html`<label class="check"><input type="checkbox" name="${name}" value="${v}"${ticked.has(v) ? html` checked` : ""}> ${l}</label>`)}
${below(form, name, opts.hint)}
</fieldset>`;
}

/** The key of problems about the form as a whole (shown in the summary only). */
export const FORM_ERROR = "form";

/**
 * The problems of a refused post, each linking to its field, in the order of `labels` (the form's
 * order); a problem of the whole form comes first, without a link.
 */
export function errorSummary(errors: FieldErrors, labels: Readonly<Record<string, string>> = {}): Html | "" {
  const order = Object.keys(labels);
  const rank = (name: string) => (name === FORM_ERROR ? -1 : order.includes(name) ? order.indexOf(name) : order.length);
  const entries = Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b));
  if (entries.length === 0) return "";
  return html`<div class="notice notice-error error-summary" role="alert" tabindex="-1">
<p><strong>${entries.length === 1 ? "This needs fixing" : `These ${entries.length} things need fixing`} before it can be saved:</strong></p>
<ul>${entries.map(([name, message]) => (name === FORM_ERROR ? html`<li>${message}</li>` : html`<li><a href="#${fieldId(name)}">${labels[name] ?? name}</a>: ${message}</li>`))}</ul>
</div>`;
}

export function csrfField(csrf: string): Html {
  return html`<input type="hidden" name="csrf" value="${csrf}">`;
}

/** Attributes written by our own code (e.g. `inputmode="numeric"`); never called with user text. */
function rawAttrs(attrs: string): Html {
  return raw(attrs);
}
