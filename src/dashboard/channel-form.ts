// The form of one channel (SPEC §6, §12): its name and its kind's settings, built from the kind's
// form description (channel-kinds.ts). Write-only settings show what the API shows (masked) as a
// hint, never as a value, and offer to remove the stored value.
import { maskedSettings } from "../notify/registry.ts";
import type { Channel } from "../store/store.ts";
import { escapeHtml, html, type Html } from "../web/html.ts";
import { CLEAR_PREFIX, writeOnlyKeys } from "./channel-form-values.ts";
import { type FormKind, KIND_FORMS, type SettingField } from "./channel-kinds.ts";
import { checkField, csrfField, errorSummary, type FormState, selectField, textArea, textField } from "./form-kit.ts";

export interface ChannelFormModel {
  readonly kind: FormKind;
  readonly form: FormState;
  readonly action: string;
  readonly back: string;
  /** null for a new channel */
  readonly stored: Channel | null;
  readonly csrf: string;
}

export function channelForm(m: ChannelFormModel): Html {
  const spec = KIND_FORMS[m.kind];
  const labels = Object.fromEntries([["name", "Name"], ...spec.fields.map((f) => [f.key, f.label])]) as Record<string, string>;
  const hidden = m.stored ? writeOnlyKeys(m.stored) : new Set<string>();
  const shown = m.stored ? maskedSettings(m.stored.kind, m.stored.settings) : {};
  return html`${errorSummary(m.form.errors, labels)}
<form method="post" action="${m.action}" class="channel-form" novalidate>
${csrfField(m.csrf)}
<input type="hidden" name="kind" value="${m.kind}">
<fieldset class="card"><legend>${spec.title}</legend>
<p class="hint">${spec.about}</p>
${textField(m.form, "name", "Name", { maxlength: 100, hint: "Unique in the project; checks and the config file may refer to the channel by it." })}
${spec.fields.map((f) => settingField(m.form, f, hidden.has(f.key) ? shown[f.key] : undefined))}
</fieldset>
<div class="form-actions">
<button type="submit" class="primary">${m.stored ? "Save changes" : "Create the channel"}</button>
<a href="${m.back}">Cancel</a>
</div>
</form>`;
}

/** One setting's input; `masked` is the stored value as shown, for a write-only setting. */
function settingField(form: FormState, f: SettingField, masked: unknown): Html {
  const writeOnly = masked !== undefined;
  const hint = writeOnly ? html`Stored: <code>${String(masked)}</code>. Leave empty to keep it.${f.hint ? ` ${f.hint}` : ""}` : f.hint;
  const placeholder = f.placeholder ? `placeholder="${escapeHtml(f.placeholder)}"` : "";
  const plain = `${placeholder} spellcheck="false" autocapitalize="off"`;
  const input = (() => {
    switch (f.input) {
      case "checkbox":
        return checkField(form, f.key, f.label, { hint: f.hint });
      case "select":
        return selectField(form, f.key, f.label, f.choices ?? [], { hint: f.hint });
      case "textarea":
      case "headers":
        return textArea(form, f.key, f.label, { rows: f.input === "headers" ? 3 : 5, hint, attrs: 'spellcheck="false"' });
      case "secret":
        return textField(form, f.key, f.label, { type: "password", hint, attrs: `autocomplete="new-password" ${plain}` });
      case "number":
        return textField(form, f.key, f.label, { hint, attrs: `inputmode="numeric" ${plain}` });
      case "url":
        return textField(form, f.key, f.label, { type: writeOnly ? "password" : "url", hint, attrs: `autocomplete="off" ${plain}` });
      case "text":
      case "list":
        return textField(form, f.key, f.label, { hint, attrs: plain });
      default: {
        const unreachable: never = f.input;
        throw new Error(`unknown setting input ${String(unreachable)}`);
      }
    }
  })();
  return writeOnly ? html`${input}${checkField(form, `${CLEAR_PREFIX}${f.key}`, `Remove the stored ${f.label.toLowerCase()}`)}` : input;
}
